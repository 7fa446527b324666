package org.classify4j.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.classify4j.data.Dataset;
import org.classify4j.data.LabelSpace;
import org.classify4j.data.io.CsvColumns;
import org.classify4j.data.io.DataFormat;
import org.classify4j.data.io.DatasetReader;
import org.classify4j.data.io.ExampleStream;
import org.classify4j.data.io.LoadedDataset;
import org.classify4j.data.io.ReadOptions;
import picocli.CommandLine.Option;

/** How data files are read (a mixin of the commands that read data). */
final class DataOptions {

  @Option(order = 801, names = "--input-format", paramLabel = "FORMAT",
      description = "jsonl, csv or tsv (default: from the file extension; stdin: jsonl).")
  DataFormat inputFormat;

  @Option(order = 802, names = "--text-column", paramLabel = "NAME", defaultValue = "text",
      description = "CSV/TSV column holding the text (default ${DEFAULT-VALUE}).")
  String textColumn;

  @Option(order = 803, names = "--labels-column", paramLabel = "NAME", defaultValue = "labels",
      description = "CSV/TSV column holding the labels (default ${DEFAULT-VALUE}).")
  String labelsColumn;

  @Option(order = 804, names = "--id-column", paramLabel = "NAME", defaultValue = "id",
      description = "CSV/TSV column holding the id (default ${DEFAULT-VALUE}; rows without get"
          + " line-N).")
  String idColumn;

  @Option(order = 805, names = "--label-separator", paramLabel = "SEP", defaultValue = "|",
      description = "Separates several labels in a CSV/TSV cell (default '${DEFAULT-VALUE}').")
  String labelSeparator;

  @Option(order = 806, names = "--skip-bad",
      description = "Skip bad records (and say how many) instead of stopping at the first.")
  boolean skipBad;

  @Option(order = 807, names = "--no-csv-quotes", negatable = false,
      description = "Read '\"' in CSV/TSV cells as a plain character, not as quoting.")
  boolean noCsvQuotes;

  ReadOptions options() {
    ReadOptions o = ReadOptions.defaults()
        .withColumns(new CsvColumns(textColumn, labelsColumn, idColumn))
        .withLabelSeparator(labelSeparator)
        .withOnError(skipBad ? ReadOptions.OnError.SKIP : ReadOptions.OnError.FAIL);
    if (noCsvQuotes) {
      o = o.withCsvQuotes(false);
    }
    return inputFormat == null ? o : o.withFormat(inputFormat);
  }

  /**
   * Options for labelled data (train, eval, tune), against a label space when given. A record
   * without labels is "none of these" (multi-label) or ignored in training (single-label).
   */
  ReadOptions labelled(Optional<LabelSpace> space, boolean multiLabel) {
    ReadOptions o = options();
    if (space.isPresent()) {
      o = o.withLabelSpace(space.get()).withStrictLabels(true);
    }
    return multiLabel ? o.withMultiLabel(ReadOptions.MultiLabel.MULTI) : o;
  }

  /** Reads a labelled file whole; reports skipped records on stderr through {@code cmd}. */
  LoadedDataset load(CliCommand cmd, Path file, Optional<LabelSpace> space, boolean multiLabel) {
    LoadedDataset d = DatasetReader.load(file, labelled(space, multiLabel));
    if (d.report().skippedCount() > 0) {
      cmd.info(d.report().summary());
    }
    return d;
  }

  Dataset read(CliCommand cmd, Path file, Optional<LabelSpace> space, boolean multiLabel) {
    return load(cmd, file, space, multiLabel).dataset();
  }

  /** Unlabelled documents to predict: a file, or stdin when {@code file} is empty. */
  ExampleStream open(Optional<Path> file, InputStream stdin) {
    ReadOptions o = options();
    if (file.isPresent()) {
      return DatasetReader.open(file.get(), o);
    }
    InputStream nonClosing = new java.io.FilterInputStream(stdin) {
      @Override
      public void close() {}
    };
    return DatasetReader.open(nonClosing, DatasetReader.STDIN, o);
  }
}
