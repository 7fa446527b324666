package org.classify4j.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.Classifier;
import org.classify4j.data.Dataset;

/**
 * Few-shot prototypes (nearest centroid, as in prototypical networks / SetFit's cheap cousin):
 * each label's prototype is the mean direction of its training examples' embeddings, optionally
 * pulled towards the label's own name/description embedding ({@code labelWeight}). Labels with no
 * training example fall back to the label embedding, so labels never seen in training still
 * score. The calibration (temperature or Platt) is fitted on leave-one-out similarities — each
 * example against the prototype built without it — so it is not fooled by an example's similarity
 * to a centroid it helped make.
 *
 * @param embedder the embedder (the caller's)
 * @param labelWeight weight of the label embedding added to the mean of a label's examples (≥ 0)
 * @param calibrate fit the calibration on the training data
 * @param refine rounds of semi-supervised refinement (single-label data): training documents
 *     without a label are assigned to their nearest prototype and each prototype becomes the unit
 *     sum of its labelled examples' mean direction and its assigned documents' mean direction; 0
 *     or no unlabelled documents: none
 */
public record CentroidClassifier(
    TextEmbedder embedder, double labelWeight, boolean calibrate, int refine)
    implements Classifier {

  public static final String TYPE = "centroid";

  public CentroidClassifier {
    if (!(labelWeight >= 0) || Double.isInfinite(labelWeight)) {
      throw new IllegalArgumentException("labelWeight must be ≥ 0");
    }
    if (refine < 0) {
      throw new IllegalArgumentException("refine must be ≥ 0");
    }
  }

  public CentroidClassifier(TextEmbedder embedder, double labelWeight, boolean calibrate) {
    this(embedder, labelWeight, calibrate, 0);
  }

  public static CentroidClassifier of(TextEmbedder embedder) {
    return new CentroidClassifier(embedder, 0.0, true);
  }

  public CentroidClassifier withRefine(int rounds) {
    return new CentroidClassifier(embedder, labelWeight, calibrate, rounds);
  }

  @Override
  public String method() {
    return TYPE;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("embedder", embedder.id());
    p.put("label_weight", labelWeight);
    p.put("calibrate", calibrate);
    p.put("refine", refine);
    return p;
  }

  @Override
  public PrototypeModel fit(Dataset train) {
    int k = train.labels().size();
    int d = embedder.dimension();
    float[][] x = train.size() == 0 ? new float[0][] : embedder.embed(train.texts());
    int[][] gold = train.goldIndices();
    double[][] sums = new double[k][d];
    int[] counts = new int[k];
    for (int i = 0; i < x.length; i++) {
      for (int j : gold[i]) {
        counts[j]++;
        for (int t = 0; t < d; t++) {
          sums[j][t] += x[i][t];
        }
      }
    }
    // label texts are needed when mixed in, or as the fallback of a label with ≤ 1 example
    // (leave-one-out leaves it none); embedding thousands of label texts otherwise is wasted
    boolean needLabels = labelWeight > 0;
    for (int c : counts) {
      needLabels |= c <= 1;
    }
    float[][] labelVecs =
        needLabels
            ? LabelTexts.embed(embedder, train.labels(), ZeroShotClassifier.DEFAULT_TEMPLATES)
            : new float[k][d];
    float[][] protos = new float[k][];
    for (int j = 0; j < k; j++) {
      protos[j] = prototype(sums[j], counts[j], labelVecs[j], null);
    }
    if (refine > 0 && !train.multiLabel()) {
      protos = refined(protos, x, gold);
    }
    SimilarityCalibration c =
        SimilarityCalibration.defaults(train.multiLabel(), SimilarityCalibration.DEFAULT_TEMPERATURE);
    if (calibrate && x.length > 1) {
      float[][] sims = Vectors.similarities(x, protos);
      for (int i = 0; i < x.length; i++) {
        for (int j : gold[i]) {
          // leave-one-out: the prototype of j without example i
          float[] loo = prototype(sums[j], counts[j], labelVecs[j], x[i]);
          sims[i][j] = Vectors.dot(loo, x[i]);
        }
      }
      c = c.fit(sims, gold);
    }
    return new PrototypeModel(TYPE, train.labels(), embedder, protos, c);
  }

  /** Self-training rounds over the unlabelled rows of x; labelled prototypes stay the anchors. */
  private float[][] refined(float[][] anchors, float[][] x, int[][] gold) {
    List<float[]> free = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (gold[i].length == 0) {
        free.add(x[i]);
      }
    }
    if (free.isEmpty()) {
      return anchors;
    }
    return SelfTraining.refine(free.toArray(new float[0][]), anchors, refine, false);
  }

  /** normalize(mean of the label's examples [minus one] + labelWeight · label vector). */
  private float[] prototype(double[] sum, int count, float[] labelVec, float[] without) {
    int n = without == null ? count : count - 1;
    if (n <= 0) {
      return labelVec.clone();
    }
    float[] p = new float[sum.length];
    for (int t = 0; t < p.length; t++) {
      double s = without == null ? sum[t] : sum[t] - without[t];
      p[t] = (float) (s / n + labelWeight * labelVec[t]);
    }
    return Vectors.normalized(p);
  }
}
