package org.classify4j.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at '\n' and decodes each line as strict UTF-8, so that invalid
 * bytes are reported with their line. A UTF-8 byte-order mark at the start is dropped. Memory is
 * bounded by the longest line.
 */
final class LineSource implements AutoCloseable {
  /** A physical line: its 1-based number, its text with the terminator, any decoding fault. */
  record Line(long number, String text, int badByteOffset) {
    boolean malformed() {
      return badByteOffset >= 0;
    }

    /** The text without the trailing "\n" or "\r\n". */
    String content() {
      int end = text.length();
      if (end > 0 && text.charAt(end - 1) == '\n') {
        end--;
        if (end > 0 && text.charAt(end - 1) == '\r') {
          end--;
        }
      }
      return text.substring(0, end);
    }
  }

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private byte[] line = new byte[1024];
  private long number;
  private boolean eof;
  private final CharsetDecoder strict =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharsetDecoder lenient =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  LineSource(InputStream in) {
    this.in = in;
  }

  /** Number of the last line returned (0 before the first). */
  long lineNumber() {
    return number;
  }

  /** The next line, or null at the end of the input. */
  Line next() {
    if (eof) {
      return null;
    }
    int len = 0;
    boolean any = false;
    try {
      while (true) {
        if (pos == lim) {
          lim = in.read(buf, 0, buf.length);
          pos = 0;
          if (lim <= 0) {
            lim = 0;
            eof = true;
            break;
          }
        }
        any = true;
        int start = pos;
        int nl = -1;
        for (int i = pos; i < lim; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        int end = nl < 0 ? lim : nl + 1;
        int n = end - start;
        if (len + n > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
        }
        System.arraycopy(buf, start, line, len, n);
        len += n;
        pos = end;
        if (nl >= 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new org.classify4j.Classify4jException("cannot read input: " + e, e);
    }
    if (!any || (eof && len == 0)) {
      return null;
    }
    number++;
    int off = 0;
    if (number == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      off = 3;
    }
    return decode(off, len);
  }

  private Line decode(int off, int len) {
    ByteBuffer bb = ByteBuffer.wrap(line, off, len - off);
    CharBuffer cb = CharBuffer.allocate(len - off);
    strict.reset();
    CoderResult r = strict.decode(bb, cb, true);
    if (!r.isError()) {
      r = strict.flush(cb);
    }
    if (r.isError()) {
      int bad = bb.position() - off;
      lenient.reset();
      String text;
      try {
        text = lenient.decode(ByteBuffer.wrap(line, off, len - off)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalStateException(e); // cannot happen with REPLACE
      }
      return new Line(number, text, bad);
    }
    cb.flip();
    if (len > (1 << 20) && line.length > (1 << 20)) {
      line = new byte[1024]; // give back the memory of one very long line
    }
    return new Line(number, cb.toString(), -1);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new org.classify4j.Classify4jException("cannot read input: " + e, e);
    }
  }
}
