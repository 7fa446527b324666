package org.classify4j.linear;

import org.classify4j.Classify4jException;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;

/**
 * A {@link LogisticModel} in a saved model: arrays {@code weights} (outputs × features) and
 * {@code intercepts} (outputs). One place for the layout that the linear head, the SetFit adapter,
 * the distilled model and the TF-IDF model all save.
 */
public final class LogisticHeads {
  private LogisticHeads() {}

  /** Writes the head's weights and intercepts. */
  public static ModelWriter write(ModelWriter out, LogisticModel head) {
    return out.floats("weights", head.weights(), head.outputs(), head.dim())
        .floats("intercepts", head.intercepts(), head.outputs());
  }

  /**
   * Reads a multi-class head: one-vs-rest when {@code oneVsRest}, else multinomial. When
   * {@code features} is positive, the saved width must equal it.
   */
  public static LogisticModel read(ModelReader in, boolean oneVsRest, int features) {
    int[] shape = in.shape("weights");
    if (shape.length != 2 || (features > 0 && shape[1] != features)) {
      throw new Classify4jException(in.directory() + ": array 'weights' has shape "
          + java.util.Arrays.toString(shape) + "; expected [labels, " + (features > 0 ? features : "features") + "]");
    }
    float[] w = in.floats("weights");
    float[] b = in.floats("intercepts");
    return oneVsRest
        ? LogisticModel.oneVsRest(shape[0], shape[1], w, b)
        : LogisticModel.multinomial(shape[0], shape[1], w, b);
  }

  /** Reads a single-output (binary) head. */
  public static LogisticModel readBinary(ModelReader in) {
    int[] shape = in.shape("weights");
    return LogisticModel.binary(shape[shape.length - 1], in.floats("weights"), in.floats("intercepts")[0]);
  }
}
