package org.classify4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.classify4j.data.LabelSpace;
import picocli.CommandLine.Option;

/** {@code --labels a,b,c} or {@code --labels-file FILE}: an exclusive option group. */
final class LabelsOption {
  @Option(names = "--labels", split = ",", paramLabel = "LABEL",
      description = "Label names, comma-separated.")
  List<String> names;

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "Labels, one per line: NAME or NAME<TAB>DESCRIPTION (descriptions help).")
  Path file;

  /** The labels named; a file path is taken relative to the command's working directory. */
  LabelSpace resolve(CliCommand command) {
    LabelSpace space = names != null ? Inputs.labels(names)
        : Inputs.labelsFile(command.path(file));
    if (space.size() == 0) {
      throw new CliException(names != null ? "--labels: no label names given"
          : "--labels-file " + file + ": no labels in the file");
    }
    return space;
  }
}
