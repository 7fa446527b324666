package org.classify4j.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Dataset;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.Resources;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * k nearest neighbours over embeddings. Each of a document's k nearest training examples votes for
 * its labels with weight {@code exp(similarity / temperature)}; a label's score is its share of
 * the total weight. Single-label scores therefore sum to 1 over the labels seen among the
 * neighbours; multi-label scores are the weighted fraction of neighbours carrying the label.
 * Labels no neighbour carries score 0.
 */
public record KnnClassifier(TextEmbedder embedder, int k, double temperature) implements Classifier {

  public static final String TYPE = "knn";

  public KnnClassifier {
    if (k < 1) {
      throw new IllegalArgumentException("k must be ≥ 1");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0");
    }
  }

  public static KnnClassifier of(TextEmbedder embedder) {
    return new KnnClassifier(embedder, 10, SimilarityCalibration.DEFAULT_TEMPERATURE);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("k", k);
    p.put("temperature", temperature);
    return p;
  }

  @Override
  public Model fit(Dataset train) {
    float[][] x = train.size() == 0 ? new float[0][] : embedder.embed(train.texts());
    return new Model(train.labels(), train.multiLabel(), embedder, x, train.goldIndices(), k, temperature);
  }

  /** The fitted neighbour store. */
  public static final class Model implements SavableModel {
    private final LabelSpace classes;
    private final boolean multiLabel;
    private final TextEmbedder embedder;
    private final VectorIndex index;
    private final int[][] gold;
    private final int k;
    private final double temperature;

    Model(
        LabelSpace classes,
        boolean multiLabel,
        TextEmbedder embedder,
        float[][] vectors,
        int[][] gold,
        int k,
        double temperature) {
      this.classes = classes;
      this.multiLabel = multiLabel;
      this.embedder = embedder;
      this.index = new VectorIndex(vectors);
      this.gold = new int[gold.length][];
      for (int i = 0; i < gold.length; i++) {
        this.gold[i] = gold[i].clone();
      }
      this.k = k;
      this.temperature = temperature;
    }

    @Override
    public LabelSpace classes() {
      return classes;
    }

    @Override
    public boolean multiLabel() {
      return multiLabel;
    }

    @Override
    public ScoreMatrix predictProba(List<Document> documents) {
      float[][] q =
          documents.isEmpty()
              ? new float[0][]
              : embedder.embed(documents.stream().map(Document::text).toList());
      VectorIndex.Neighbours[] nn = index.search(q, k);
      float[][] out = new float[q.length][];
      for (int i = 0; i < q.length; i++) {
        double[] votes = new double[classes.size()];
        double total = 0;
        int[] ids = nn[i].ids();
        float[] sims = nn[i].similarities();
        double top = sims.length == 0 ? 0 : sims[0];
        for (int n = 0; n < ids.length; n++) {
          double w = Math.exp((sims[n] - top) / temperature);
          total += w;
          for (int j : gold[ids[n]]) {
            votes[j] += w;
          }
        }
        float[] row = new float[classes.size()];
        if (total > 0) {
          for (int j = 0; j < row.length; j++) {
            row[j] = (float) Math.min(1.0, votes[j] / total);
          }
        }
        out[i] = row;
      }
      return ScoreMatrix.of(classes, out);
    }

    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public void writeTo(ModelWriter out) {
      int total = 0;
      for (int[] g : gold) {
        total += g.length;
      }
      int[] offsets = new int[gold.length + 1];
      int[] flat = new int[total];
      int p = 0;
      for (int i = 0; i < gold.length; i++) {
        offsets[i] = p;
        for (int j : gold[i]) {
          flat[p++] = j;
        }
      }
      offsets[gold.length] = p;
      out.param("embedder", embedder.id())
          .param("k", k)
          .param("temperature", temperature)
          .matrix("vectors", index.vectors(), embedder.dimension())
          .ints("label_offsets", offsets, offsets.length)
          .ints("labels", flat, flat.length);
    }
  }

  /** Loads saved neighbour stores. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return TYPE;
    }

    @Override
    public Model load(ModelReader in, Resources context) {
      TextEmbedder e = context.get(TextEmbedder.class, in.param("embedder").asText());
      float[][] v = in.matrix("vectors");
      int[] offsets = in.ints("label_offsets");
      int[] flat = in.ints("labels");
      if (offsets.length != v.length + 1) {
        throw new IllegalStateException("label_offsets has " + offsets.length + " entries for " + v.length + " vectors");
      }
      int[][] gold = new int[v.length][];
      for (int i = 0; i < v.length; i++) {
        gold[i] = java.util.Arrays.copyOfRange(flat, offsets[i], offsets[i + 1]);
      }
      return new Model(
          in.classes(), in.multiLabel(), e, v, gold, in.param("k").asInt(), in.param("temperature").asDouble());
    }
  }
}
