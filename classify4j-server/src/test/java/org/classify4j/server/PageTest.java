package org.classify4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in a real browser (Debian's headless Chromium): it lists the projects, classifies a
 * typed text with a project and with typed labels, and shows the same labels and scores the API
 * gives. Skipped, saying why, where /usr/bin/chromium is absent.
 */
class PageTest {
  @TempDir Path tmp;

  @Test
  void thePageClassifiesWithAProjectAndWithTypedLabels() throws Exception {
    assumeTrue(HeadlessChromium.available(),
        "skipped: " + HeadlessChromium.BINARY + " not found (apt-get install chromium to run it)");
    try (ClassifyServer server = TestService.start(TestService.projects(tmp), s -> s);
        HeadlessChromium browser = new HeadlessChromium(tmp.resolve("profile"), 1000, 860)) {
      TestService.Client api = new TestService.Client(server);
      String base = "http://127.0.0.1:" + server.port();
      browser.navigate(base + "/");
      browser.waitFor("document.body && document.body.dataset.ready === 'true'",
          Duration.ofSeconds(30));
      // the project list comes from /v1/projects; the first project is chosen
      JsonNode options = browser.eval(
          "Array.from(document.querySelectorAll('#project option')).map(o => o.value)");
      assertThat(options.toString()).isEqualTo("[\"\",\"topics\",\"topics-linear\"]");
      assertThat(browser.eval("document.getElementById('project').value").asText())
          .isEqualTo("topics");
      assertThat(browser.eval("document.getElementById('labels-row').hidden").asBoolean())
          .isTrue();

      // type a text, press Classify
      String text = "Whisk the eggs and bake the cake in the oven";
      browser.eval("(() => { const t = document.getElementById('text'); t.focus();"
          + " t.value = " + Json.mapper().writeValueAsString(text) + ";"
          + " document.getElementById('go').click(); })()");
      browser.waitFor("document.body.dataset.done === '1'", Duration.ofSeconds(30));
      JsonNode shown = shown(browser);
      JsonNode expected = Json.mapper().readTree(api.postJson(
          "/v1/classify4j/projects/topics/classify",
          "{\"text\": " + Json.mapper().writeValueAsString(text) + ", \"top\": 10}").body())
          .get("results").get(0);
      assertThat(shown.get("status").asText()).isEmpty();
      assertThat(shown.get("chosen").toString()).isEqualTo(names(expected.get("labels")));
      assertThat(shown.get("names").toString()).isEqualTo(names(expected.get("scores")));
      assertThat(shown.get("chosen").get(0).asText()).isEqualTo("cooking");
      assertThat(shown.get("scores").get(0).asText())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f",
              expected.get("scores").get(0).get("score").asDouble()));
      assertThat(shown.get("widths").get(0).asText()).endsWith("%");
      browser.screenshot(Path.of("target", "serve-page-project.png"));

      // zero-shot: choose "labels I type", type labels, press Classify
      browser.eval("(() => { const p = document.getElementById('project'); p.value = '';"
          + " p.dispatchEvent(new Event('change'));"
          + " document.getElementById('labels').value = 'sports, cooking: food and recipes,"
          + " computers';"
          + " document.getElementById('go').click(); })()");
      browser.waitFor("document.body.dataset.done === '2'", Duration.ofSeconds(30));
      JsonNode zs = shown(browser);
      assertThat(browser.eval("document.getElementById('labels-row').hidden").asBoolean())
          .isFalse();
      assertThat(zs.get("status").asText()).isEmpty();
      List<String> names = new ArrayList<>();
      zs.get("names").forEach(n -> names.add(n.asText()));
      assertThat(names).containsExactlyInAnyOrder("sports", "cooking", "computers");
      assertThat(zs.get("chosen")).hasSize(1);

      // an error shows as a message, not a broken page
      browser.eval("(() => { document.getElementById('labels').value = '';"
          + " document.getElementById('go').click(); })()");
      browser.waitFor("document.body.dataset.done === '3'", Duration.ofSeconds(30));
      assertThat(browser.eval("document.getElementById('status').textContent").asText())
          .contains("labels");
      Path png = Path.of("target", "serve-page-zero-shot.png");
      browser.screenshot(png);
      assertThat(Files.size(png)).isGreaterThan(1000);
    }
  }

  /** Issue 22 item 17: with a token required, typing it reloads the project list. */
  @Test
  void typingTheTokenLoadsTheProjectList() throws Exception {
    assumeTrue(HeadlessChromium.available(),
        "skipped: " + HeadlessChromium.BINARY + " not found (apt-get install chromium to run it)");
    String token = "page-test-token";
    try (ClassifyServer server = TestService.start(TestService.projects(tmp),
            s -> s.withToken(java.util.Optional.of(token), false));
        HeadlessChromium browser = new HeadlessChromium(tmp.resolve("profile2"), 1000, 860)) {
      browser.navigate("http://127.0.0.1:" + server.port() + "/");
      browser.waitFor("document.body && document.body.dataset.ready === 'true'",
          Duration.ofSeconds(30));
      // the first load was refused: only "labels I type", and the token field is shown
      assertThat(browser.eval("Array.from(document.querySelectorAll('#project option'))"
          + ".map(o => o.value)").toString()).isEqualTo("[\"\"]");
      assertThat(browser.eval("document.getElementById('token-row').hidden").asBoolean())
          .isFalse();
      browser.eval("(() => { const t = document.getElementById('token');"
          + " t.value = '" + token + "'; t.dispatchEvent(new Event('change')); })()");
      browser.waitFor("document.body.dataset.projects === '1'", Duration.ofSeconds(15));
      assertThat(browser.eval("Array.from(document.querySelectorAll('#project option'))"
          + ".map(o => o.value)").toString()).isEqualTo("[\"\",\"topics\",\"topics-linear\"]");
      assertThat(browser.eval("document.getElementById('status').textContent").asText())
          .isEmpty();
    }
  }

  private static JsonNode shown(HeadlessChromium browser) throws Exception {
    return browser.eval("({"
        + " status: document.getElementById('status').textContent,"
        + " chosen: Array.from(document.querySelectorAll('#decision .chosen')).map(e => e.textContent),"
        + " names: Array.from(document.querySelectorAll('#scores .name')).map(e => e.textContent),"
        + " scores: Array.from(document.querySelectorAll('#scores .score')).map(e => e.textContent),"
        + " widths: Array.from(document.querySelectorAll('#scores .bar span')).map(e => e.style.width)"
        + "})");
  }

  private static String names(JsonNode scored) {
    List<String> out = new ArrayList<>();
    scored.forEach(s -> out.add(s.get("label").asText()));
    try {
      return Json.mapper().writeValueAsString(out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
