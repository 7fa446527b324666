package org.classify4j.server;

import java.nio.file.Path;
import java.time.Duration;
import org.classify4j.Json;

/**
 * Makes the screenshot in docs/serve.md: opens a running service's page in headless Chromium,
 * classifies a text with a project, saves a PNG.
 *
 * <pre>java -cp TEST_CLASSPATH org.classify4j.server.PageScreenshot BASE_URL PROJECT TEXT OUT.png</pre>
 */
public final class PageScreenshot {
  private PageScreenshot() {}

  public static void main(String[] args) throws Exception {
    Path profile = java.nio.file.Files.createTempDirectory("chromium-profile");
    try (HeadlessChromium b = new HeadlessChromium(profile, 1000, 760)) {
      b.navigate(args[0] + "/");
      b.waitFor("document.body && document.body.dataset.ready === 'true'", Duration.ofSeconds(60));
      b.eval("(() => { document.getElementById('project').value = "
          + Json.mapper().writeValueAsString(args[1]) + ";"
          + " document.getElementById('project').dispatchEvent(new Event('change'));"
          + " document.getElementById('text').value = " + Json.mapper().writeValueAsString(args[2])
          + "; document.getElementById('go').click(); })()");
      b.waitFor("document.body.dataset.done === '1'", Duration.ofSeconds(60));
      b.screenshot(Path.of(args[3]));
    }
  }
}
