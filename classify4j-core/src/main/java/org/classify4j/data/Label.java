package org.classify4j.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A label of a {@link LabelSpace}.
 *
 * @param name the unique name used in data files and outputs
 * @param description human-readable description ("" when there is none); used by zero-shot and LLM
 *     methods
 * @param synonyms alternative names (zero-shot matches against these too)
 * @param parent the name of the parent label in a hierarchy ("" for none)
 * @param uri the concept's identifier in a subject vocabulary, such as {@code
 *     http://d-nb.info/gnd/4193754-5} ("" for a plain label); when present it is the label's
 *     {@link #identity()} in outputs, while {@code name} (the preferred name) is what data files use
 *     and what matching and display show
 */
public record Label(
    String name, String description, List<String> synonyms, String parent, String uri) {
  public Label {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("label name must not be blank");
    }
    Objects.requireNonNull(description, "description");
    synonyms = List.copyOf(synonyms);
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(uri, "uri");
    uri = uri.strip();
  }

  /** A label without a vocabulary URI. */
  public Label(String name, String description, List<String> synonyms, String parent) {
    this(name, description, synonyms, parent, "");
  }

  /** A subject of a vocabulary: its URI and preferred name. */
  public static Label ofSubject(String uri, String preferredName) {
    if (uri.isBlank()) {
      throw new IllegalArgumentException("subject URI must not be blank");
    }
    return new Label(preferredName, "", List.of(), "", uri);
  }

  /** The vocabulary URI, if the label has one. */
  public Optional<String> uriIfAny() {
    return uri.isEmpty() ? Optional.empty() : Optional.of(uri);
  }

  /** What identifies the label outside this library: its URI when it has one, else its name. */
  public String identity() {
    return uri.isEmpty() ? name : uri;
  }

  public static Label of(String name) {
    return new Label(name, "", List.of(), "");
  }

  public static Label of(String name, String description) {
    return new Label(name, description, List.of(), "");
  }

  public Optional<String> describedAs() {
    return description.isBlank() ? Optional.empty() : Optional.of(description);
  }

  /** The text a zero-shot method compares documents with: the description if any, else the name. */
  public String promptText() {
    return description.isBlank() ? name : name + ": " + description;
  }
}
