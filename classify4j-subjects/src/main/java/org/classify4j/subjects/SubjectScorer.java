package org.classify4j.subjects;

import java.util.ArrayList;
import java.util.List;
import org.classify4j.data.Document;

/** A model that scores a few candidate labels per document (the rest score 0). */
interface SubjectScorer {
  SparseScores scoreSparse(Document document);

  /** Sparse scores of a batch, in order; models that batch better (embeddings) override it. */
  default List<SparseScores> scoreAll(List<Document> documents) {
    List<SparseScores> rows = new ArrayList<>(documents.size());
    for (Document d : documents) {
      rows.add(scoreSparse(d));
    }
    return rows;
  }
}
