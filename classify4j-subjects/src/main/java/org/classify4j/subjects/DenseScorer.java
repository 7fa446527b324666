package org.classify4j.subjects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Document;
import org.classify4j.embed.DiskEmbeddingCache;
import org.classify4j.embed.TextEmbedder;
import org.classify4j.persist.ModelReader;
import org.classify4j.persist.Resources;

/**
 * A component that scores documents from their embedding. Split from the embedding so that the
 * ensemble embeds a batch once for every dense component with the same embedder and clipping.
 */
interface DenseScorer extends SubjectComponent {
  TextEmbedder embedder();

  /** Documents are embedded from their first this many characters. */
  int maxChars();

  /** Scores of documents whose vectors (from {@link #embed}) are {@code queries}, in order. */
  List<SparseScores> scoreVectors(float[][] queries);

  default float[][] embed(List<Document> documents) {
    List<String> texts = new ArrayList<>(documents.size());
    for (Document d : documents) {
      texts.add(DenseKnnClassifier.clip(d.text(), maxChars()));
    }
    return embedder().embed(texts);
  }

  @Override
  default SparseScores scoreSparse(Document document) {
    return scoreAll(List.of(document)).get(0);
  }

  @Override
  default List<SparseScores> scoreAll(List<Document> documents) {
    return documents.isEmpty() ? new ArrayList<>() : scoreVectors(embed(documents));
  }

  /**
   * The embedder a saved dense component names ({@code model}), behind its on-disk vector cache
   * ({@code cache}) when the cache's folder exists on this machine.
   */
  static TextEmbedder restoreEmbedder(ModelReader in, String prefix, Resources context) {
    TextEmbedder e = context.get(TextEmbedder.class, in.param(prefix + "model").asText());
    String cache = in.param(prefix + "cache").asText("");
    Path parent = cache.isBlank() ? null : Path.of(cache).getParent();
    return parent != null && Files.isDirectory(parent)
        ? new DiskEmbeddingCache(e, Path.of(cache)) : e;
  }
}
