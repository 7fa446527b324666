package org.classify4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code row-N} ids for an input without an id column, N the record's place in the input (from 1;
 * files in path order, records in file order), assigned on the read itself, before any
 * repartition: a first pass counts the records of each file block Spark reads ({@code
 * input_file_name}, {@code input_file_block_start}); sorted by file and offset, the counts give
 * each block's first N; the second pass numbers each block's records as they are read. Unlike
 * {@code monotonically_increasing_id} after a shuffle, the ids follow the file and can be matched
 * back to it. (For a JSON lines file without blank lines N is its line number, as {@code
 * classify4j predict}'s {@code line-N}; a CSV file's header is not counted.)
 */
final class RowIds {
  private RowIds() {}

  /** What the counting pass found: the documents and how many texts are empty or blank. */
  record Numbered(Dataset<Row> documents, long blankTexts) {}

  /** A text that {@code predict} refuses: null, empty or only whitespace. */
  static Column blank(Column text) {
    return text.isNull().or(text.rlike("^(?U)\\s*$"));
  }

  /**
   * {@code id} ({@code row-N}) and {@code text} (string) of {@code in}, which must be the
   * unpartitioned read of the input files.
   */
  static Numbered number(Dataset<Row> in, String textColumn) {
    Dataset<Row> keyed = in.select(input_file_name().as("file"),
        input_file_block_start().as("block"), col(textColumn).cast("string").as("text"));
    List<Row> blocks = keyed.groupBy("file", "block")
        .agg(count(lit(1)).as("n"), sum(when(blank(col("text")), 1).otherwise(0)).as("blank"))
        .collectAsList();
    List<Row> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.<Row, String>comparing(r -> r.getString(0))
        .thenComparingLong(r -> r.getLong(1)));
    HashMap<String, Long> first = new HashMap<>();
    long next = 1;
    long blank = 0;
    for (Row r : sorted) {
      first.put(key(r.getString(0), r.getLong(1)), next);
      next += r.getLong(2);
      blank += r.getLong(3);
    }
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("text", DataTypes.StringType, true);
    return new Numbered(keyed.mapPartitions(new Assign(first), Encoders.row(schema)), blank);
  }

  private static String key(String file, long block) {
    return file + '\u0000' + block;
  }

  /** Numbers each block's records from the block's first N, in the order they are read. */
  static final class Assign implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, Long> first;

    Assign(HashMap<String, Long> first) {
      this.first = first;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<String, Long> next = new HashMap<>();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          String k = key(r.getString(0), r.getLong(1));
          Long n = next.get(k);
          if (n == null) {
            n = first.get(k);
            if (n == null) {
              throw new IllegalStateException("a block of " + r.getString(0)
                  + " was not there when the records were counted (did the input change?)");
            }
          }
          next.put(k, n + 1);
          return RowFactory.create("row-" + n, r.isNullAt(2) ? null : r.getString(2));
        }
      };
    }
  }
}
