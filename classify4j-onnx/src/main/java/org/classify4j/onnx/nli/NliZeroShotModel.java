package org.classify4j.onnx.nli;

import org.classify4j.nli.Hypotheses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.Vectors;
import org.classify4j.persist.ModelLoader;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.Resources;
import org.classify4j.persist.SavableModel;

/**
 * A fitted {@link NliZeroShotClassifier}: the labels' hypotheses, and the labels' retriever
 * vectors when candidates are pruned. Saved as parameters only (the model directory's path, the
 * templates, the label text, the entailment and contradiction indices, candidates and retriever
 * id); loading opens the cross-encoder again from that path ({@link NliResources}).
 */
public final class NliZeroShotModel implements SavableModel {
  private final NliZeroShotClassifier spec;
  private final LabelSpace classes;
  private final boolean multiLabel;
  private final String[][] hypotheses;
  private final float[][] labelVectors;

  NliZeroShotModel(NliZeroShotClassifier spec, LabelSpace classes, boolean multiLabel,
      String[][] hypotheses, float[][] labelVectors) {
    this.spec = spec;
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.hypotheses = hypotheses;
    this.labelVectors = labelVectors;
  }

  public NliZeroShotClassifier spec() {
    return spec;
  }

  /** hypotheses[label][template]. */
  public List<List<String>> hypotheses() {
    List<List<String>> out = new ArrayList<>();
    for (String[] h : hypotheses) {
      out.add(List.of(h));
    }
    return List.copyOf(out);
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
    List<String> texts = new ArrayList<>(documents.size());
    for (Document d : documents) {
      texts.add(d.text());
    }
    if (texts.isEmpty() || classes.size() == 0) {
      return ScoreMatrix.of(classes, new float[texts.size()][classes.size()]);
    }
    int[][] cand = labelVectors.length == 0 ? null : candidates(texts);
    return ScoreMatrix.of(
        classes, NliScoring.scores(spec.encoder(), texts, hypotheses, cand, multiLabel));
  }

  /** The top-N labels of each text by cosine between retriever vectors (ties: lower index). */
  int[][] candidates(List<String> texts) {
    float[][] x = spec.retriever().orElseThrow().embed(texts);
    int n = Math.min(spec.candidates(), classes.size());
    int[][] out = new int[texts.size()][];
    for (int i = 0; i < x.length; i++) {
      float[] v = Vectors.normalized(x[i]);
      float[] sim = new float[labelVectors.length];
      for (int j = 0; j < sim.length; j++) {
        sim[j] = Vectors.dot(v, labelVectors[j]);
      }
      Integer[] order = new Integer[sim.length];
      for (int j = 0; j < order.length; j++) {
        order[j] = j;
      }
      java.util.Arrays.sort(order, (a, b) -> Float.compare(sim[b], sim[a]));
      int[] top = new int[n];
      for (int j = 0; j < n; j++) {
        top[j] = order[j];
      }
      java.util.Arrays.sort(top);
      out[i] = top;
    }
    return out;
  }

  @Override
  public String modelType() {
    return NliZeroShotClassifier.TYPE;
  }

  @Override
  public void writeTo(ModelWriter out) {
    spec.params().forEach(out::param);
    if (labelVectors.length > 0) {
      out.matrix("label_vectors", labelVectors, labelVectors[0].length);
    }
  }

  /** Loads saved NLI zero-shot models. */
  public static final class Loader implements ModelLoader {
    @Override
    public String modelType() {
      return NliZeroShotClassifier.TYPE;
    }

    @Override
    public NliZeroShotModel load(ModelReader in, Resources context) {
      NliCrossEncoder enc = NliResources.encoder(in, context);
      Hypotheses h = NliResources.hypotheses(in);
      int candidates = in.params().path("candidates").asInt(0);
      Optional<TextEmbedder> retriever = Optional.empty();
      if (in.params().hasNonNull("retriever")) {
        retriever = Optional.of(context.get(TextEmbedder.class, in.param("retriever").asText()));
      }
      NliZeroShotClassifier spec = new NliZeroShotClassifier(enc, h, candidates, retriever);
      float[][] lv = in.params().hasNonNull("retriever") && candidates > 0 && candidates < in.classes().size()
          ? in.matrix("label_vectors") : new float[0][];
      return new NliZeroShotModel(spec, in.classes(), in.multiLabel(), h.of(in.classes()), lv);
    }
  }
}
