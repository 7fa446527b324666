package org.classify4j.subjects;

import java.util.Map;
import org.classify4j.persist.ModelWriter;

/** A fitted model the subject ensemble can hold: sparse scores, its params, prefixed parts. */
interface SubjectComponent extends SubjectScorer {
  Map<String, Object> params();

  void writeParts(ModelWriter out, String prefix);
}
