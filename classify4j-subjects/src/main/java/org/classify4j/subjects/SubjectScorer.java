package org.classify4j.subjects;

import org.classify4j.data.Document;

/** A model that scores a few candidate labels per document (the rest score 0). */
interface SubjectScorer {
  SparseScores scoreSparse(Document document);
}
