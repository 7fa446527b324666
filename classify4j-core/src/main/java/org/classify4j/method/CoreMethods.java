package org.classify4j.method;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.baseline.PriorClassifier;
import org.classify4j.embed.CentroidClassifier;
import org.classify4j.embed.Embedders;
import org.classify4j.embed.EnsembleClassifier;
import org.classify4j.embed.KnnClassifier;
import org.classify4j.embed.LinearHeadClassifier;
import org.classify4j.embed.SetFitClassifier;
import org.classify4j.linear.LogisticRegression;
import org.classify4j.embed.SimilarityCalibration;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.embed.ZeroShotClassifier;
import org.classify4j.text.TfidfLinearClassifier;

/** The methods core implements: the prior baseline and the embedding classifiers. */
public final class CoreMethods implements MethodProvider {

  /** The parameter naming the embedder ({@code all-minilm-l6-v2}, {@code onnx:/dir}, …). */
  public static final String MODEL = "model";

  @Override
  public List<MethodInfo> methods() {
    return List.of(
        new MethodInfo("prior", "ignores the text: training label frequencies (a baseline)", List.of()),
        new MethodInfo(
            ZeroShotClassifier.TYPE,
            "similarity of the text to label names/descriptions; no training data needed",
            List.of(MODEL, "template", "centring", "refine", "temperature", "calibrate")),
        new MethodInfo(
            CentroidClassifier.TYPE,
            "nearest label prototype (mean of its examples; label text for unseen labels)",
            List.of(MODEL, "label_weight", "calibrate", "refine")),
        new MethodInfo(
            KnnClassifier.TYPE,
            "k nearest training examples vote, weighted by similarity",
            List.of(MODEL, "k", "temperature")),
        new MethodInfo(
            LinearHeadClassifier.TYPE,
            "logistic regression on embeddings (multinomial; one-vs-rest for multi-label)",
            List.of(MODEL, "C", "class_weight", "max_iter", "label_texts")),
        new MethodInfo(
            SetFitClassifier.TYPE,
            "SetFit on a frozen embedder: a projection trained on same/different-label pairs, then the linear head",
            List.of(MODEL, "C", "class_weight", "label_texts", "iterations", "epochs", "lr",
                "weight_decay", "batch", "max_pairs", "diagonal", "seed")),
        new MethodInfo(
            EnsembleClassifier.TYPE,
            "mean of the scores of several methods (default centroid, knn and linear; also zero-shot, setfit, tfidf-linear); savable when its members are",
            List.of(MODEL, "members", "C", "k", "label_texts")),
        new MethodInfo(
            TfidfLinearClassifier.TYPE,
            "TF-IDF words and bigrams + logistic regression (a strong baseline; no embedder)",
            List.of("C", "class_weight", "min_df", "ngram_max")));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    switch (method) {
      case "prior":
        p.requireOnly(method, Set.of());
        return Optional.of(new PriorClassifier());
      case ZeroShotClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "template", "centring", "refine", "temperature", "calibrate"));
        return Optional.of(
            new ZeroShotClassifier(
                embedder(p, context),
                p.number("temperature", SimilarityCalibration.DEFAULT_TEMPERATURE),
                p.flag("calibrate", true),
                templates(p.string("template", "")),
                ZeroShotClassifier.Centring.parse(p.string("centring", "data")),
                p.integer("refine", ZeroShotClassifier.DEFAULT_REFINE)));
      case CentroidClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "label_weight", "calibrate", "refine"));
        return Optional.of(
            new CentroidClassifier(
                embedder(p, context),
                p.number("label_weight", 0.0),
                p.flag("calibrate", true),
                p.integer("refine", 0)));
      case KnnClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "k", "temperature"));
        return Optional.of(
            new KnnClassifier(
                embedder(p, context),
                p.integer("k", 10),
                p.number("temperature", SimilarityCalibration.DEFAULT_TEMPERATURE)));
      case LinearHeadClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "C", "class_weight", "max_iter", "label_texts"));
        List<Double> grid = cGrid(p);
        return Optional.of(
            new LinearHeadClassifier(
                embedder(p, context),
                LogisticRegression.defaults()
                    .withC(grid.isEmpty() ? p.number("C", 1.0) : 1.0)
                    .withMaxIterations(p.integer("max_iter", 1000))
                    .withClassWeighting(LinearHeadClassifier.weighting(p.string("class_weight", "none"))),
                grid,
                3,
                p.flag("label_texts", false)));
      case SetFitClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "C", "class_weight", "label_texts", "iterations", "epochs",
            "lr", "weight_decay", "batch", "max_pairs", "diagonal", "seed"));
        {
          List<Double> headGrid = cGrid(p);
          return Optional.of(
              new SetFitClassifier(
                  embedder(p, context),
                  LogisticRegression.defaults()
                      .withC(headGrid.isEmpty() ? p.number("C", 1.0) : 1.0)
                      .withClassWeighting(LinearHeadClassifier.weighting(p.string("class_weight", "none"))),
                  headGrid,
                  p.flag("label_texts", false),
                  p.integer("iterations", SetFitClassifier.DEFAULT_ITERATIONS),
                  p.integer("epochs", 1),
                  p.number("lr", SetFitClassifier.DEFAULT_LEARNING_RATE),
                  p.number("weight_decay", 0.0),
                  p.integer("batch", SetFitClassifier.DEFAULT_BATCH),
                  p.integer("max_pairs", SetFitClassifier.DEFAULT_MAX_PAIRS),
                  p.flag("diagonal", false),
                  p.integer("seed", 42)));
        }
      case EnsembleClassifier.TYPE:
        p.requireOnly(method, Set.of(MODEL, "members", "C", "k", "label_texts"));
        {
          List<Classifier> members = new java.util.ArrayList<>();
          for (String m : p.string("members", "centroid,knn,linear").split(",")) {
            String name = m.trim();
            if (!Set.of(CentroidClassifier.TYPE, KnnClassifier.TYPE, LinearHeadClassifier.TYPE, ZeroShotClassifier.TYPE,
                    SetFitClassifier.TYPE, TfidfLinearClassifier.TYPE)
                .contains(name)) {
              throw new IllegalArgumentException(
                  "members: '" + name + "' is not one of zero-shot, centroid, knn, linear, setfit, tfidf-linear");
            }
            MethodParams mp = MethodParams.empty();
            if (name.equals(TfidfLinearClassifier.TYPE)) {
              members.add(create(name, mp, context).orElseThrow()); // words, no embedder; its own C
              continue;
            }
            if (p.values().containsKey(MODEL)) {
              mp = mp.with(MODEL, p.string(MODEL, ""));
            }
            if (name.equals(LinearHeadClassifier.TYPE) || name.equals(SetFitClassifier.TYPE)) {
              mp = mp.with("C", p.string("C", "1")).with("label_texts", p.string("label_texts", "false"));
            } else if (name.equals(KnnClassifier.TYPE)) {
              mp = mp.with("k", p.string("k", "10"));
            }
            members.add(create(name, mp, context).orElseThrow());
          }
          return Optional.of(EnsembleClassifier.of(members));
        }
      case TfidfLinearClassifier.TYPE:
        p.requireOnly(method, Set.of("C", "class_weight", "min_df", "ngram_max"));
        TfidfLinearClassifier t = TfidfLinearClassifier.defaults();
        return Optional.of(
            t.withC(p.number("C", t.regression().c()))
                .withMinDf(p.integer("min_df", t.vectorizer().minDf()))
                .withNgramMax(p.integer("ngram_max", t.vectorizer().ngramMax()))
                .withClassWeighting(
                    LinearHeadClassifier.weighting(p.string("class_weight", "none"))));
      default:
        return Optional.empty();
    }
  }

  /**
   * {@code C=auto}: {@link LinearHeadClassifier#AUTO_C}; {@code C=1,10,100}: that grid (both chosen
   * by cross-validation on train); a single number: no grid (empty list).
   */
  static List<Double> cGrid(MethodParams p) {
    String c = p.string("C", "1").trim();
    if (c.equalsIgnoreCase("auto")) {
      return LinearHeadClassifier.AUTO_C;
    }
    if (!c.contains(",")) {
      return List.of();
    }
    List<Double> out = new java.util.ArrayList<>();
    for (String v : c.split(",")) {
      try {
        out.add(Double.parseDouble(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter 'C': expected a number, auto or a list like 1,10,100; got '" + c + "'");
      }
    }
    return out;
  }

  /**
   * {@code template=A|B|C}: hypothesis templates with a {@code {}} slot, averaged (a prompt
   * ensemble); {@code {}} alone for bare label names; empty for the default templates.
   */
  static List<String> templates(String value) {
    if (value.isBlank()) {
      return ZeroShotClassifier.DEFAULT_TEMPLATES;
    }
    List<String> out = new java.util.ArrayList<>();
    for (String t : value.split("\\|")) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("template: no template in '" + value + "'");
    }
    return out;
  }

  static TextEmbedder embedder(MethodParams p, LoadContext context) {
    return context.embedder(p.string(MODEL, Embedders.DEFAULT_ID));
  }
}
