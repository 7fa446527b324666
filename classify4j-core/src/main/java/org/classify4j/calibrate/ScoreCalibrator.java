package org.classify4j.calibrate;

import java.util.Locale;
import org.classify4j.classify.IsotonicMap;
import org.classify4j.classify.ScoreCalibration;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;

/**
 * A calibration of a model's scores, fitted on labelled validation texts, so that a score of 0.8
 * is right about 80 % of the time.
 *
 * <p>Single-label: {@link Temperature} rescales the whole row (softmax of log-scores over T);
 * {@link Platt} and {@link Isotonic} map the top score (the confidence) to the share of texts whose
 * top label was right, and scale the other scores so the row keeps its sum (never above the top
 * one, so the argmax stays). Multi-label: every (text, label) score goes through one map pooled
 * over all labels (temperature: sigmoid(logit(s)/T)). All-zero rows (an abstaining LLM) stay
 * all-zero.
 */
public sealed interface ScoreCalibrator {
  double EPS = 1e-6;

  /** The calibrated scores. */
  ScoreMatrix apply(ScoreMatrix s);

  /** Short name: temperature, platt or isotonic. */
  String name();

  /** The methods by name. */
  enum Kind {
    TEMPERATURE, PLATT, ISOTONIC;

    public String paramName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.paramName().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "calibration: '" + s + "' is not one of temperature, platt, isotonic");
    }
  }

  /** Fits {@code kind} on a model's scores {@code s} of the labelled texts {@code gold}. */
  static ScoreCalibrator fit(Kind kind, ScoreMatrix s, Dataset gold) {
    boolean multi = gold.multiLabel();
    if (!multi) {
      int n = s.rows();
      float[] top = new float[n];
      boolean[] right = new boolean[n];
      float[][] logits = new float[n][];
      int[] goldCol = new int[n];
      int used = 0;
      for (int i = 0; i < n; i++) {
        int[] g = gold.goldIndices(i);
        float[] row = s.row(i);
        int j = s.argmax(i);
        boolean zero = row[j] <= 0f;
        goldCol[i] = g.length == 0 || zero ? -1 : g[0];
        logits[i] = new float[row.length];
        for (int c = 0; c < row.length; c++) {
          logits[i][c] = (float) Math.log(Math.max(row[c], EPS));
        }
        if (goldCol[i] >= 0) {
          top[used] = row[j];
          right[used] = contains(g, j);
          used++;
        }
      }
      float[] x = java.util.Arrays.copyOf(top, used);
      boolean[] y = java.util.Arrays.copyOf(right, used);
      return switch (kind) {
        case TEMPERATURE -> new Temperature(
            ScoreCalibration.fitTemperature(logits, goldCol, 0.01, 100), false);
        case PLATT -> {
          double[] xd = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            xd[i] = logit(x[i]);
          }
          double[] ab = ScoreCalibration.plattFit(xd, y);
          yield new Platt(ab[0], ab[1], false);
        }
        case ISOTONIC -> new Isotonic(IsotonicMap.fit(x, y), false);
      };
    }
    int n = s.rows();
    int k = s.cols();
    float[] x = new float[n * k];
    boolean[] y = new boolean[n * k];
    for (int i = 0; i < n; i++) {
      int[] g = gold.goldIndices(i);
      for (int j = 0; j < k; j++) {
        x[i * k + j] = s.get(i, j);
        y[i * k + j] = contains(g, j);
      }
    }
    return switch (kind) {
      case TEMPERATURE -> new Temperature(fitBinaryTemperature(x, y), true);
      case PLATT -> {
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          xd[i] = logit(x[i]);
        }
        double[] ab = ScoreCalibration.plattFit(xd, y);
        yield new Platt(ab[0], ab[1], true);
      }
      case ISOTONIC -> new Isotonic(IsotonicMap.fit(x, y), true);
    };
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  static double logit(double p) {
    double q = Math.min(1 - EPS, Math.max(EPS, p));
    return Math.log(q / (1 - q));
  }

  /** T minimising the binary log-loss of sigmoid(logit(x)/T); golden-section over log T. */
  private static double fitBinaryTemperature(float[] x, boolean[] y) {
    return ScoreCalibration.minimizeOverLogT(t -> binaryNll(x, y, t), 0.01, 100);
  }

  private static double binaryNll(float[] x, boolean[] y, double t) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double p = Math.min(1 - EPS, Math.max(EPS, ScoreCalibration.sigmoid(logit(x[i]) / t)));
      s -= y[i] ? Math.log(p) : Math.log(1 - p);
    }
    return s / Math.max(1, x.length);
  }

  /** A map applied to the top score of single-label rows, the others scaled to keep the sum. */
  private static ScoreMatrix mapTop(ScoreMatrix s, java.util.function.DoubleUnaryOperator f) {
    int n = s.rows();
    int k = s.cols();
    float[] out = new float[n * k];
    for (int i = 0; i < n; i++) {
      float[] row = s.row(i);
      int j = s.argmax(i);
      double p = row[j];
      if (p <= 0) {
        continue; // all-zero row: an abstention stays one
      }
      double q = Math.max(0, Math.min(1, f.applyAsDouble(p)));
      double scale = p < 1 ? (1 - q) / (1 - p) : 0;
      for (int c = 0; c < k; c++) {
        out[i * k + c] = c == j ? (float) q : (float) Math.min(q, row[c] * scale);
      }
    }
    return ScoreMatrix.ofFlat(s.classes(), n, out);
  }

  private static ScoreMatrix mapEach(ScoreMatrix s, java.util.function.DoubleUnaryOperator f) {
    int n = s.rows();
    int k = s.cols();
    float[] out = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = (float) Math.max(0, Math.min(1, f.applyAsDouble(s.get(i, c))));
      }
    }
    return ScoreMatrix.ofFlat(s.classes(), n, out);
  }

  /** Keeps the notes of the raw scores (a cascade's stages) on the calibrated ones. */
  private static ScoreMatrix keepNotes(ScoreMatrix raw, ScoreMatrix cal) {
    ScoreMatrix out = cal;
    for (String name : raw.noteNames()) {
      int[] v = new int[raw.rows()];
      for (int i = 0; i < v.length; i++) {
        v[i] = raw.note(name, i).getAsInt();
      }
      out = out.withNote(name, v);
    }
    return out;
  }

  /** Temperature scaling. */
  record Temperature(double t, boolean multiLabel) implements ScoreCalibrator {
    @Override
    public String name() {
      return "temperature";
    }

    @Override
    public ScoreMatrix apply(ScoreMatrix s) {
      if (multiLabel) {
        return keepNotes(s, mapEach(s, p -> ScoreCalibration.sigmoid(logit(p) / t)));
      }
      int n = s.rows();
      int k = s.cols();
      float[] out = new float[n * k];
      for (int i = 0; i < n; i++) {
        float[] row = s.row(i);
        if (row[s.argmax(i)] <= 0f) {
          continue;
        }
        float[] lg = new float[k];
        for (int c = 0; c < k; c++) {
          lg[c] = (float) Math.log(Math.max(row[c], EPS));
        }
        System.arraycopy(ScoreCalibration.softmax(lg, t), 0, out, i * k, k);
      }
      return keepNotes(s, ScoreMatrix.ofFlat(s.classes(), n, out));
    }
  }

  /** Platt scaling: sigmoid(a · logit(s) + b). */
  record Platt(double a, double b, boolean multiLabel) implements ScoreCalibrator {
    @Override
    public String name() {
      return "platt";
    }

    @Override
    public ScoreMatrix apply(ScoreMatrix s) {
      java.util.function.DoubleUnaryOperator f =
          p -> ScoreCalibration.sigmoid(a * logit(p) + b);
      return keepNotes(s, multiLabel ? mapEach(s, f) : mapTop(s, f));
    }
  }

  /** Isotonic regression (pool adjacent violators). */
  record Isotonic(IsotonicMap map, boolean multiLabel) implements ScoreCalibrator {
    @Override
    public String name() {
      return "isotonic";
    }

    @Override
    public ScoreMatrix apply(ScoreMatrix s) {
      return keepNotes(s, multiLabel ? mapEach(s, map::apply) : mapTop(s, map::apply));
    }
  }
}
