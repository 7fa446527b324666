package org.classify4j.subjects;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.classify4j.classify.Classifier;
import org.classify4j.method.MethodParams;
import org.classify4j.method.MethodProvider;
import org.classify4j.method.LoadContext;

/**
 * Subject-indexing methods: {@code label-tree}, {@code lexical}, {@code tfidf-knn}, {@code
 * dense-knn}, {@code dense-proto}, {@code subject-ensemble}.
 */
public final class SubjectMethods implements MethodProvider {
  static final List<String> TREE_PARAMS = List.of("analyzer", "ngram_max", "min_df", "max_leaf",
      "arity", "trees", "C", "beam", "max_iter", "prune", "threads", "seed", "title_weight");

  static final List<String> LEXICAL_PARAMS = List.of("analyzer", "l2", "seed");

  @Override
  public List<MethodInfo> methods() {
    return List.of(
        new MethodInfo(LabelTreeClassifier.TYPE,
            "label tree over TF-IDF with linear node classifiers and beam search (Parabel/Bonsai);"
                + " for thousands of labels",
            TREE_PARAMS),
        new MethodInfo(LexicalClassifier.TYPE,
            "label names and synonyms found in the text, candidates scored by a learned model"
                + " (Annif's MLLM idea); finds labels without training examples",
            LEXICAL_PARAMS),
        new MethodInfo(SubjectEnsembleClassifier.TYPE,
            "components=tree,lexical[,sknn][,knn][,proto], PAV-calibrated, weights (or combine=stack:"
                + " a learned re-ranker) and limit/threshold tuned on dev"
                + " (dev=FILE, else a hold-out share of train); refit=true fits the components"
                + " again on train and dev together; tree.* and lexical.* params",
            ensembleParams()),
        new MethodInfo(DenseKnnClassifier.TYPE,
            "embedding kNN with sparse label votes (exact blocked search); optional disk cache"
                + " of document vectors",
            KNN_PARAMS),
        new MethodInfo(DensePrototypeClassifier.TYPE,
            "dense label prototypes: the mean vector of each label's training documents, the"
                + " embedded name for labels without any; exact search",
            PROTO_PARAMS),
        new MethodInfo(TfidfKnnClassifier.TYPE,
            "kNN over TF-IDF (inverted index): similar training records vote for their labels",
            SKNN_PARAMS));
  }

  @Override
  public Optional<Classifier> create(String method, MethodParams p, LoadContext context) {
    switch (method) {
      case LabelTreeClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(TREE_PARAMS));
        return Optional.of(tree(p, ""));
      case LexicalClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(LEXICAL_PARAMS));
        return Optional.of(lexical(p, ""));
      case SubjectEnsembleClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(ensembleParams()));
        List<SubjectEnsembleClassifier.Part> parts = new java.util.ArrayList<>();
        for (String name : p.string("components", "tree,lexical").split(",")) {
          switch (name.strip()) {
            case "tree" -> parts.add(new SubjectEnsembleClassifier.Part("tree", tree(p, "tree.")));
            case "lexical" -> parts.add(
                new SubjectEnsembleClassifier.Part("lexical", lexical(p, "lexical.")));
            case "sknn" -> parts.add(
                new SubjectEnsembleClassifier.Part("sknn", sknn(p, "sknn.")));
            case "knn" -> parts.add(
                new SubjectEnsembleClassifier.Part("knn", knn(p, "knn.", context)));
            case "proto" -> parts.add(
                new SubjectEnsembleClassifier.Part("proto", proto(p, "proto.", context)));
            default -> throw new IllegalArgumentException("subject-ensemble: unknown component '"
                + name.strip() + "' (expected tree, lexical, sknn, knn or proto)");
          }
        }
        SubjectEnsembleClassifier ens = new SubjectEnsembleClassifier(parts, p.string("dev", ""),
            p.number("holdout", 0.1), p.integer("candidates", 100), p.integer("seed", 42));
        String combine = p.string("combine", "weights");
        if (combine.equals("stack")) {
          Stacker.Settings d = Stacker.Settings.defaults();
          ens = ens.stacked(p.integer("stack.depth", d.depth()), p.integer("stack.folds", d.folds()),
              p.number("stack.l2", d.l2()),
              p.flag("stack.freq", d.freqFeatures()));
        } else if (!combine.equals("weights")) {
          throw new IllegalArgumentException(
              "subject-ensemble: combine is weights or stack, not '" + combine + "'");
        }
        return Optional.of(ens.withRefit(p.flag("refit", false)));
      case TfidfKnnClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(SKNN_PARAMS));
        return Optional.of(sknn(p, ""));
      case DenseKnnClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(KNN_PARAMS));
        return Optional.of(knn(p, "", context));
      case DensePrototypeClassifier.TYPE:
        p.requireOnly(method, Set.copyOf(PROTO_PARAMS));
        return Optional.of(proto(p, "", context));
      default:
        return Optional.empty();
    }
  }

  static List<String> ensembleParams() {
    List<String> out = new java.util.ArrayList<>(
        List.of("components", "dev", "holdout", "candidates", "seed", "combine", "refit",
            "stack.depth",
            "stack.folds", "stack.l2", "stack.freq"));
    KNN_PARAMS.forEach(q -> out.add("knn." + q));
    PROTO_PARAMS.forEach(q -> out.add("proto." + q));
    SKNN_PARAMS.forEach(q -> out.add("sknn." + q));
    TREE_PARAMS.forEach(q -> out.add("tree." + q));
    LEXICAL_PARAMS.forEach(q -> out.add("lexical." + q));
    return List.copyOf(out);
  }

  static final List<String> KNN_PARAMS = List.of("model", "k", "temperature", "max_chars", "cache");

  static DenseKnnClassifier knn(MethodParams p, String prefix, LoadContext context) {
    return new DenseKnnClassifier(
        context.embedder(p.string(prefix + "model", org.classify4j.embed.Embedders.DEFAULT_ID)),
        p.integer(prefix + "k", 30), p.number(prefix + "temperature", 0.05),
        p.integer(prefix + "max_chars", 0), p.string(prefix + "cache", ""));
  }

  static final List<String> PROTO_PARAMS = List.of("model", "names", "candidates", "max_chars",
      "cache");

  static DensePrototypeClassifier proto(MethodParams p, String prefix, LoadContext context) {
    return new DensePrototypeClassifier(
        context.embedder(p.string(prefix + "model", org.classify4j.embed.Embedders.DEFAULT_ID)),
        p.string(prefix + "names", "unseen"), p.integer(prefix + "candidates", 100),
        p.integer(prefix + "max_chars", 0), p.string(prefix + "cache", ""));
  }

  static final List<String> SKNN_PARAMS = List.of("analyzer", "ngram_max", "min_df", "k",
      "power", "title_weight");

  static TfidfKnnClassifier sknn(MethodParams p, String prefix) {
    TfidfKnnClassifier d = TfidfKnnClassifier.defaults();
    return new TfidfKnnClassifier(p.string(prefix + "analyzer", d.analyzer()),
        p.integer(prefix + "ngram_max", d.ngramMax()), p.integer(prefix + "min_df", d.minDf()),
        p.integer(prefix + "k", d.k()), p.number(prefix + "power", d.power()),
        p.integer(prefix + "title_weight", d.titleWeight()));
  }

  static LexicalClassifier lexical(MethodParams p, String prefix) {
    LexicalClassifier d = LexicalClassifier.defaults();
    return new LexicalClassifier(p.string(prefix + "analyzer", d.analyzer()),
        p.number(prefix + "l2", d.l2()), p.integer(prefix + "seed", (int) d.seed()));
  }

  static LabelTreeClassifier tree(MethodParams p, String prefix) {
    LabelTreeClassifier d = LabelTreeClassifier.defaults();
    return new LabelTreeClassifier(
        p.string(prefix + "analyzer", d.analyzer()),
        p.integer(prefix + "ngram_max", d.ngramMax()),
        p.integer(prefix + "min_df", d.minDf()),
        p.integer(prefix + "max_leaf", d.maxLeaf()),
        p.integer(prefix + "arity", d.arity()),
        p.integer(prefix + "trees", d.trees()),
        p.number(prefix + "C", d.c()),
        p.integer(prefix + "beam", d.beam()),
        p.integer(prefix + "max_iter", d.maxIter()),
        p.number(prefix + "prune", d.prune()),
        p.integer(prefix + "threads", d.threads()),
        p.integer(prefix + "seed", (int) d.seed()),
        p.integer(prefix + "title_weight", d.titleWeight()));
  }
}
