package org.classify4j.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classify4j.Classify4jException;
import org.classify4j.data.BadInputException;
import org.classify4j.data.Label;
import org.classify4j.data.LabelSpace;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.vocabulary.OWL;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.RDFHandlerException;
import org.eclipse.rdf4j.rio.RDFParseException;
import org.eclipse.rdf4j.rio.helpers.AbstractRDFHandler;
import org.eclipse.rdf4j.rio.turtle.TurtleParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SKOS vocabulary in Turtle — the form Annif loads — read into a {@link LabelSpace} whose labels
 * form a tree. Each {@code skos:Concept} (not {@code owl:deprecated true}) becomes a label: its
 * {@code skos:prefLabel} in the chosen language is the name, its URI the {@link Label#uri()},
 * its {@code skos:altLabel}s (that language and untagged) the synonyms (which zero-shot label texts
 * and the lexical subject method match), its {@code skos:definition} the description, and its
 * {@code skos:broader} concept (or one that names it with {@code skos:narrower}) its parent.
 * Labels keep the order in which the file first names the concepts.
 *
 * <p>Language: the one asked for; when none is asked for, untagged labels if every concept has
 * one, else the language most concepts have a preferred label in (ties: {@code en}, then
 * alphabetical). A concept with several broader concepts keeps the first the file states (a label
 * has one parent); the others are dropped, and the count is logged.
 *
 * <p>Errors name the file, line and field: a Turtle syntax error, a concept without a preferred
 * label in the language, two concepts with the same preferred name (data files name labels by
 * it), a broader concept that is not a concept of the file, and broader links that form a cycle.
 * Parsed with Eclipse RDF4J's Turtle parser.
 */
public final class SkosVocabulary {
  private static final Logger LOG = LoggerFactory.getLogger(SkosVocabulary.class);

  private SkosVocabulary() {}

  /** Whether a path names a Turtle file ({@code .ttl}). */
  public static boolean isTurtle(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".ttl");
  }

  /**
   * Reads a SKOS vocabulary; {@code language} picks the labels ("" for the rule in the class
   * comment).
   */
  public static LabelSpace read(Path path, String language) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString(), language);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path.toString(), 0, "", "no such file");
    } catch (IOException e) {
      throw new Classify4jException("cannot read " + path + ": " + e, e);
    }
  }

  /** Reads a SKOS vocabulary in Turtle from a stream (not closed); {@code source} names it. */
  public static LabelSpace read(InputStream in, String source, String language) {
    Collector c = new Collector();
    LineTurtleParser parser = new LineTurtleParser();
    c.parser = parser;
    parser.setRDFHandler(c);
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    try {
      parser.parse(reader, "urn:classify4j:base:");
    } catch (RDFParseException e) {
      throw new BadInputException(source, Math.max(0, e.getLineNumber()), "",
          "not valid Turtle: " + e.getMessage().replaceAll("\\s*\\[line \\d+.*$", ""));
    } catch (RDFHandlerException e) {
      throw new Classify4jException("cannot read " + source + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new Classify4jException("cannot read " + source + ": " + e, e);
    }
    return c.labels(source, language.strip());
  }

  /** TurtleParser with its current line exposed. */
  private static final class LineTurtleParser extends TurtleParser {
    long line() {
      return getLineNumber();
    }
  }

  private static final class Concept {
    final String uri;
    long line; // where the file first names it
    boolean isConcept;
    boolean deprecated;
    final Map<String, String> pref = new LinkedHashMap<>(); // language ("" untagged) -> label
    final Map<String, List<String>> alt = new LinkedHashMap<>();
    final Map<String, String> definition = new LinkedHashMap<>();
    final List<String> broader = new ArrayList<>();
    final List<Long> broaderLine = new ArrayList<>();

    Concept(String uri, long line) {
      this.uri = uri;
      this.line = line;
    }

    void addBroader(String b, long at) {
      if (!broader.contains(b)) {
        broader.add(b);
        broaderLine.add(at);
      }
    }
  }

  private static final class Collector extends AbstractRDFHandler {
    LineTurtleParser parser;
    final Map<String, Concept> concepts = new LinkedHashMap<>();

    Concept concept(Resource r) {
      long at = parser.line();
      return concepts.computeIfAbsent(r.stringValue(), u -> new Concept(u, at));
    }

    @Override
    public void handleStatement(Statement st) {
      if (!(st.getSubject() instanceof IRI)) {
        return;
      }
      IRI p = st.getPredicate();
      Value o = st.getObject();
      long at = parser.line();
      if (p.equals(RDF.TYPE) && o.equals(SKOS.CONCEPT)) {
        concept(st.getSubject()).isConcept = true;
      } else if (p.equals(OWL.DEPRECATED) && o instanceof Literal l
          && l.stringValue().equalsIgnoreCase("true")) {
        concept(st.getSubject()).deprecated = true;
      } else if (p.equals(SKOS.PREF_LABEL) && o instanceof Literal l) {
        concept(st.getSubject()).pref.putIfAbsent(lang(l), l.getLabel().strip());
      } else if (p.equals(SKOS.ALT_LABEL) && o instanceof Literal l) {
        concept(st.getSubject()).alt.computeIfAbsent(lang(l), k -> new ArrayList<>())
            .add(l.getLabel().strip());
      } else if (p.equals(SKOS.DEFINITION) && o instanceof Literal l) {
        concept(st.getSubject()).definition.putIfAbsent(lang(l), l.getLabel().strip());
      } else if (p.equals(SKOS.BROADER) && o instanceof IRI b) {
        concept(st.getSubject()).addBroader(b.stringValue(), at);
      } else if (p.equals(SKOS.NARROWER) && o instanceof IRI n) {
        concept(n).addBroader(st.getSubject().stringValue(), at);
      }
    }

    static String lang(Literal l) {
      return l.getLanguage().map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
    }

    LabelSpace labels(String source, String asked) {
      List<Concept> kept = new ArrayList<>();
      for (Concept c : concepts.values()) {
        if (c.isConcept && !c.deprecated) {
          kept.add(c);
        }
      }
      if (kept.isEmpty()) {
        throw new BadInputException(source, 0, "", "no skos:Concept (expected a SKOS vocabulary"
            + " in Turtle: concepts with rdf:type skos:Concept and a skos:prefLabel)");
      }
      String language = asked.isEmpty() ? language(kept) : asked.toLowerCase(Locale.ROOT);
      Map<String, Concept> byUri = new HashMap<>();
      Map<String, Concept> byName = new HashMap<>();
      Map<String, String> nameOf = new HashMap<>();
      for (Concept c : kept) {
        byUri.put(c.uri, c);
        String name = pick(c.pref, language).orElseThrow(() -> new BadInputException(source,
            c.line, "skos:prefLabel", "concept <" + c.uri + "> has no preferred label"
            + (language.isEmpty() ? " without a language tag" : " in language '" + language + "'")
            + " (expected one per concept)"));
        if (name.isEmpty()) {
          throw new BadInputException(source, c.line, "skos:prefLabel",
              "concept <" + c.uri + "> has a blank preferred label");
        }
        Concept first = byName.putIfAbsent(name, c);
        if (first != null) {
          throw new BadInputException(source, c.line, "skos:prefLabel", "concepts <" + first.uri
              + "> and <" + c.uri + "> share the preferred label '" + name + "' (expected unique"
              + " preferred labels: data files name labels by them)");
        }
        nameOf.put(c.uri, name);
      }
      List<Label> labels = new ArrayList<>(kept.size());
      List<Long> lines = new ArrayList<>(kept.size());
      int polyhierarchy = 0;
      for (Concept c : kept) {
        String parent = "";
        for (int i = 0; i < c.broader.size(); i++) {
          String b = c.broader.get(i);
          if (!byUri.containsKey(b)) {
            throw new BadInputException(source, c.broaderLine.get(i), "skos:broader",
                "concept <" + c.uri + ">: broader <" + b + "> is not a concept of this vocabulary"
                + (concepts.containsKey(b) && concepts.get(b).deprecated ? " (it is deprecated)"
                    : "") + " (expected a skos:Concept of the file)");
          }
          if (b.equals(c.uri)) {
            throw new BadInputException(source, c.broaderLine.get(i), "skos:broader",
                "concept <" + c.uri + "> is broader than itself");
          }
          if (parent.isEmpty()) {
            parent = nameOf.get(b);
          }
        }
        if (c.broader.size() > 1) {
          polyhierarchy++;
        }
        List<String> synonyms = new ArrayList<>();
        String name = nameOf.get(c.uri);
        for (String lang : language.isEmpty() ? List.of("") : List.of(language, "")) {
          for (String s : c.alt.getOrDefault(lang, List.of())) {
            if (!s.isBlank() && !s.equals(name) && !synonyms.contains(s)) {
              synonyms.add(s);
            }
          }
        }
        String description = pick(c.definition, language).orElse("");
        labels.add(new Label(name, description, synonyms, parent, c.uri));
        lines.add(c.broader.isEmpty() ? c.line : c.broaderLine.get(0));
      }
      if (polyhierarchy > 0) {
        LOG.info("{}: {} concept(s) have several broader concepts; each keeps the first as its"
            + " parent", source, polyhierarchy);
      }
      LabelSpace space = LabelSpace.of(labels);
      LabelFiles.checkTree(space, source, lines);
      return space;
    }

    /** The label in {@code language}, else the untagged one. */
    static Optional<String> pick(Map<String, String> byLang, String language) {
      String v = byLang.get(language);
      if (v == null) {
        v = byLang.get("");
      }
      return Optional.ofNullable(v);
    }

    /** Untagged if every concept has an untagged label; else the most common language. */
    static String language(List<Concept> concepts) {
      if (concepts.stream().allMatch(c -> c.pref.containsKey(""))) {
        return "";
      }
      Map<String, Integer> count = new HashMap<>();
      for (Concept c : concepts) {
        for (String l : c.pref.keySet()) {
          count.merge(l, 1, Integer::sum);
        }
      }
      return count.entrySet().stream()
          .filter(e -> !e.getKey().isEmpty())
          .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
              .thenComparing(e -> e.getKey().equals("en") ? 0 : 1)
              .thenComparing(Map.Entry::getKey))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse("");
    }
  }
}
