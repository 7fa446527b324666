package org.classify4j.data.io;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.classify4j.data.Example;

/**
 * Child-JVM helper for {@link StreamingMemoryTest}: {@code stream FILE} counts the examples of a
 * JSONL file through an {@link ExampleStream}; {@code load FILE} reads it whole into a data set.
 * Prints {@code count=N chars=C peakHeapMiB=P}; exits 3 on OutOfMemoryError.
 */
public final class StreamJsonlMain {
  private StreamJsonlMain() {}

  public static void main(String[] args) {
    Path p = Path.of(args[1]);
    long count = 0;
    long chars = 0;
    long peakSampled = 0;
    try {
      if (args[0].equals("stream")) {
        try (ExampleStream s = DatasetReader.open(p, ReadOptions.defaults())) {
          while (s.hasNext()) {
            Example e = s.next();
            count++;
            chars += e.document().text().length();
            if (count % 1000 == 0) {
              Runtime rt = Runtime.getRuntime();
              peakSampled = Math.max(peakSampled, rt.totalMemory() - rt.freeMemory());
            }
          }
        }
      } else {
        count = DatasetReader.read(p, ReadOptions.defaults()).size();
      }
    } catch (OutOfMemoryError oom) {
      System.out.println("oom");
      System.exit(3);
    }
    long peakPools = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakPools += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("count=" + count + " chars=" + chars
        + " peakHeapMiB=" + (peakPools >> 20) + " peakSampledMiB=" + (peakSampled >> 20)
        + " maxHeapMiB=" + (Runtime.getRuntime().maxMemory() >> 20));
  }
}
