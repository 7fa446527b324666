package org.classify4j.select;

import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ClassifierModel;
import org.classify4j.classify.ScoreCalibration;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.testkit.HashingEmbedder;

/**
 * A tiny nearest-centroid classifier over the hashing embedder, for model-selection tests only:
 * softmax(cosine / temperature) for single-label data, sigmoid((cosine − .2) / temperature) for
 * multi-label data. Its parameters ({@code dimension}, {@code temperature}) change its quality, so
 * a grid search has something to find.
 */
record CentroidTestClassifier(int dimension, double temperature) implements Classifier {

  static CentroidTestClassifier of(Map<String, Object> p) {
    return new CentroidTestClassifier(
        ((Number) p.getOrDefault("dimension", 256)).intValue(),
        ((Number) p.getOrDefault("temperature", 0.1)).doubleValue());
  }

  @Override
  public String method() {
    return "test-centroid";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("dimension", dimension, "temperature", temperature);
  }

  @Override
  public ClassifierModel fit(Dataset train) {
    HashingEmbedder e = new HashingEmbedder(dimension);
    float[][] x = e.embed(train.texts());
    int k = train.labels().size();
    float[][] c = new float[k][dimension];
    for (int i = 0; i < x.length; i++) {
      for (int j : train.goldIndices(i)) {
        for (int d = 0; d < dimension; d++) {
          c[j][d] += x[i][d];
        }
      }
    }
    for (float[] v : c) {
      double n = 0;
      for (float f : v) {
        n += f * f;
      }
      n = Math.sqrt(n);
      for (int d = 0; d < v.length && n > 0; d++) {
        v[d] /= (float) n;
      }
    }
    return new Model(train.labels(), train.multiLabel(), c, e, temperature);
  }

  record Model(LabelSpace classes, boolean multiLabel, float[][] centroids, HashingEmbedder e, double t)
      implements ClassifierModel {
    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      float[][] x = e.embed(documents.stream().map(Document::text).toList());
      float[][] out = new float[x.length][];
      for (int i = 0; i < x.length; i++) {
        float[] sim = new float[centroids.length];
        for (int j = 0; j < centroids.length; j++) {
          double s = 0;
          for (int d = 0; d < x[i].length; d++) {
            s += x[i][d] * centroids[j][d];
          }
          sim[j] = (float) s;
        }
        if (multiLabel) {
          out[i] = new float[sim.length];
          for (int j = 0; j < sim.length; j++) {
            out[i][j] = (float) ScoreCalibration.sigmoid((sim[j] - 0.2) / t);
          }
        } else {
          out[i] = ScoreCalibration.softmax(sim, t);
        }
      }
      return ScoreMatrix.of(classes, out);
    }
  }
}
