package org.classify4j.subjects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;

/** A fitted {@link LexicalClassifier}: immutable and thread-safe. */
public final class LexicalModel extends SubjectModel {
  static final int FEATURES = 14;

  /** Per-label training statistics (arrays owned by the model, never exposed). */
  record Stats(int docs, int[] freq, int[] candidateDocs, int[] candidateHits, float prior) {}

  private final Analysis analysis;
  private final LabelMatcher matcher;
  private final Stats stats;
  private final Logistic lr;

  LexicalModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params,
      Analysis analysis, LabelMatcher matcher, Stats stats, Logistic lr) {
    super(classes, multiLabel, params);
    this.analysis = analysis;
    this.matcher = matcher;
    this.stats = stats;
    this.lr = lr;
  }

  /**
   * The features of a candidate. In training ({@code leaveOut}) the document's own contribution
   * ({@code gold} = 1 when the label is one of its labels) is taken out of the label statistics.
   */
  static double[] features(LabelMatcher.Match m, LabelMatcher.Found f, Stats s, int gold,
      boolean leaveOut) {
    int j = m.label;
    int freq = s.freq()[j] - (leaveOut ? gold : 0);
    int cdocs = s.candidateDocs()[j] - (leaveOut ? 1 : 0);
    int chits = s.candidateHits()[j] - (leaveOut ? gold : 0);
    int docs = s.docs() - (leaveOut ? 1 : 0);
    double t = f.tokens();
    double a = 2.0;
    return new double[] {
      1.0,
      Math.log1p(m.count),
      m.first / t,
      m.last / t,
      (m.last - m.first) / t,
      m.inTitle ? 1 : 0,
      Math.min(m.maxTokens, 5) / 5.0,
      m.preferred ? 1 : 0,
      Math.log1p(Math.max(0, freq)),
      freq > 0 ? 1 : 0,
      Math.log((1.0 + docs) / (1.0 + Math.max(0, cdocs))),
      (Math.max(0, chits) + a * s.prior()) / (Math.max(0, cdocs) + a),
      Math.log(m.minAmbiguity),
      Math.log1p(f.matches().size()),
    };
  }

  @Override
  public SparseScores scoreSparse(Document document) {
    LabelMatcher.Found f = matcher.match(document.text());
    int[] cols = new int[f.matches().size()];
    float[] scores = new float[cols.length];
    for (int i = 0; i < cols.length; i++) {
      LabelMatcher.Match m = f.matches().get(i);
      cols[i] = m.label;
      scores[i] = (float) lr.probability(features(m, f, stats, 0, false));
    }
    return new SparseScores(cols, scores);
  }

  @Override
  public String modelType() {
    return LexicalClassifier.TYPE;
  }

  @Override
  protected void writeArrays(ModelWriter out, String prefix) {
    int k = classes.size();
    out.param(prefix + "train_docs", stats.docs());
    out.param(prefix + "prior", stats.prior());
    out.ints(prefix + "label_freq", stats.freq(), k);
    out.ints(prefix + "candidate_docs", stats.candidateDocs(), k);
    out.ints(prefix + "candidate_hits", stats.candidateHits(), k);
    out.floats(prefix + "weights", toFloats(lr.w), FEATURES);
    out.floats(prefix + "means", toFloats(lr.mean), FEATURES);
    out.floats(prefix + "scales", toFloats(lr.scale), FEATURES);
  }

  static LexicalModel readParts(ModelReader in, String prefix, LabelSpace classes,
      boolean multiLabel) {
    String analyzer = in.param(prefix + "analyzer").asText();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("analyzer", analyzer);
    params.put("l2", in.param(prefix + "l2").asDouble());
    params.put("seed", in.param(prefix + "seed").asLong());
    Stats stats = new Stats(in.param(prefix + "train_docs").asInt(),
        in.ints(prefix + "label_freq"), in.ints(prefix + "candidate_docs"),
        in.ints(prefix + "candidate_hits"), (float) in.param(prefix + "prior").asDouble());
    Logistic lr = new Logistic(toDoubles(in.floats(prefix + "weights")),
        toDoubles(in.floats(prefix + "means")), toDoubles(in.floats(prefix + "scales")));
    Analysis an = Analysis.of(analyzer);
    return new LexicalModel(classes, multiLabel, params, an, new LabelMatcher(classes, an), stats,
        lr);
  }

  private static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  private static double[] toDoubles(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /**
   * Logistic regression on standardized features (feature 0 is the intercept), fitted by Newton's
   * method with an L2 penalty. Weights are rounded to float32 at fit time, so saved and fitted
   * models score alike.
   */
  static final class Logistic {
    final double[] w;
    final double[] mean;
    final double[] scale;

    Logistic(double[] w, double[] mean, double[] scale) {
      this.w = w;
      this.mean = mean;
      this.scale = scale;
    }

    double probability(double[] x) {
      double z = 0;
      for (int q = 0; q < w.length; q++) {
        double v = q == 0 ? 1.0 : (x[q] - mean[q]) / scale[q];
        z += w[q] * v;
      }
      return 1 / (1 + Math.exp(-z));
    }

    static Logistic fit(List<double[]> xs, List<Boolean> ys, double l2) {
      return fit(xs, ys, l2, FEATURES);
    }

    /** Fits on rows of {@code d} features (feature 0 the intercept, 1). */
    static Logistic fit(List<double[]> xs, List<Boolean> ys, double l2, int d) {
      double[] mean = new double[d];
      double[] scale = new double[d];
      int n = xs.size();
      for (double[] x : xs) {
        for (int q = 1; q < d; q++) {
          mean[q] += x[q] / Math.max(1, n);
        }
      }
      for (double[] x : xs) {
        for (int q = 1; q < d; q++) {
          scale[q] += (x[q] - mean[q]) * (x[q] - mean[q]) / Math.max(1, n);
        }
      }
      scale[0] = 1;
      for (int q = 1; q < d; q++) {
        scale[q] = scale[q] > 1e-12 ? Math.sqrt(scale[q]) : 1.0;
      }
      mean = round(mean);
      scale = round(scale);
      double[] w = new double[d];
      double[][] z = new double[n][d];
      for (int i = 0; i < n; i++) {
        z[i][0] = 1;
        for (int q = 1; q < d; q++) {
          z[i][q] = (xs.get(i)[q] - mean[q]) / scale[q];
        }
      }
      for (int iter = 0; iter < 25; iter++) {
        double[] g = new double[d];
        double[][] h = new double[d][d];
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int q = 0; q < d; q++) {
            s += w[q] * z[i][q];
          }
          double p = 1 / (1 + Math.exp(-s));
          double r = (ys.get(i) ? 1 : 0) - p;
          double wt = Math.max(p * (1 - p), 1e-9);
          for (int q = 0; q < d; q++) {
            g[q] += r * z[i][q];
            for (int u = 0; u <= q; u++) {
              h[q][u] += wt * z[i][q] * z[i][u];
            }
          }
        }
        for (int q = 0; q < d; q++) {
          for (int u = 0; u < q; u++) {
            h[u][q] = h[q][u];
          }
          if (q > 0) {
            g[q] -= l2 * w[q];
            h[q][q] += l2;
          }
          h[q][q] += 1e-9;
        }
        double[] step = solve(h, g);
        double change = 0;
        for (int q = 0; q < d; q++) {
          w[q] += step[q];
          change = Math.max(change, Math.abs(step[q]));
        }
        if (change < 1e-6) {
          break;
        }
      }
      return new Logistic(round(w), mean, scale);
    }

    private static double[] round(double[] a) {
      double[] r = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        r[i] = (float) a[i];
      }
      return r;
    }

    /** Solves h·x = g by Gaussian elimination with partial pivoting (h is small and SPD). */
    static double[] solve(double[][] h, double[] g) {
      int d = g.length;
      double[][] a = new double[d][d + 1];
      for (int i = 0; i < d; i++) {
        System.arraycopy(h[i], 0, a[i], 0, d);
        a[i][d] = g[i];
      }
      for (int c = 0; c < d; c++) {
        int p = c;
        for (int r = c + 1; r < d; r++) {
          if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
            p = r;
          }
        }
        double[] t = a[c];
        a[c] = a[p];
        a[p] = t;
        if (Math.abs(a[c][c]) < 1e-15) {
          continue;
        }
        for (int r = 0; r < d; r++) {
          if (r != c) {
            double fct = a[r][c] / a[c][c];
            for (int q = c; q <= d; q++) {
              a[r][q] -= fct * a[c][q];
            }
          }
        }
      }
      double[] x = new double[d];
      for (int i = 0; i < d; i++) {
        x[i] = Math.abs(a[i][i]) < 1e-15 ? 0 : a[i][d] / a[i][i];
      }
      return x;
    }
  }

  /** Reads {@code lexical} model directories. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return LexicalClassifier.TYPE;
    }

    @Override
    public ClassifierModel load(ModelReader in, Resources context) {
      return readParts(in, "", in.classes(), in.multiLabel());
    }
  }
}
