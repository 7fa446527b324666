package org.classify4j.subjects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.SavableModel;

/** What every subject component model shares: its labels, its params and dense score rows. */
abstract class SubjectModel implements SavableModel, SubjectComponent {
  protected final LabelSpace classes;
  protected final boolean multiLabel;
  protected final Map<String, Object> params;

  SubjectModel(LabelSpace classes, boolean multiLabel, Map<String, Object> params) {
    this.classes = classes;
    this.multiLabel = multiLabel;
    this.params = new LinkedHashMap<>(params);
  }

  @Override
  public Map<String, Object> params() {
    return new LinkedHashMap<>(params);
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
    return SparseScores.matrix(classes, multiLabel, scoreAll(documents));
  }
}
