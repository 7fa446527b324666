package org.classify4j.subjects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classify4j.classify.ScoreMatrix;
import org.classify4j.data.Document;
import org.classify4j.data.LabelSpace;
import org.classify4j.persist.ModelWriter;
import org.classify4j.persist.SavableModel;

/**
 * What every subject component model shares: its labels, its params, dense score rows, and the
 * way it is saved (its params under the prefix, then its own arrays) alone or inside an ensemble.
 */
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

  @Override
  public void writeTo(ModelWriter out) {
    writeParts(out, "");
  }

  @Override
  public final void writeParts(ModelWriter out, String prefix) {
    for (Map.Entry<String, Object> e : params.entrySet()) {
      out.param(prefix + e.getKey(), e.getValue());
    }
    writeArrays(out, prefix);
  }

  /** Writes what the model holds beyond its params, every name under {@code prefix}. */
  protected abstract void writeArrays(ModelWriter out, String prefix);

  /** The writer stores no empty arrays: an empty one is saved as one zero. */
  static int[] nonEmpty(int[] a) {
    return a.length == 0 ? new int[1] : a;
  }

  static float[] nonEmpty(float[] a) {
    return a.length == 0 ? new float[1] : a;
  }
}
