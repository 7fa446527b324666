package org.classify4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md, checked on the compiled classes: faces → app layer → core ←
 * backends; no package cycle inside core; the CLI reaches backends only through the app layer's
 * providers.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.classify4j");
  }

  @Test
  void coreHasNoPackageCycles() {
    slices().matching("org.classify4j.(**)").should().beFreeOfCycles()
        .because("core's packages are layered: data and classify at the ground, persist above")
        .check(classes.that(com.tngtech.archunit.core.domain.JavaClass.Predicates
            .resideOutsideOfPackages("org.classify4j.cli..", "org.classify4j.app..",
                "org.classify4j.openai..", "org.classify4j.onnx..", "org.classify4j.testkit..")));
  }

  @Test
  void theCliImportsNoBackend() {
    noClasses().that().resideInAPackage("org.classify4j.cli..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.classify4j.openai..", "org.classify4j.onnx..")
        .check(classes);
  }

  @Test
  void theAppLayerKnowsNoFaceAndNoBackend() {
    noClasses().that().resideInAPackage("org.classify4j.app..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.classify4j.cli..", "picocli..", "org.classify4j.openai..",
            "org.classify4j.onnx..", "io.javalin..", "org.apache.spark..")
        .check(classes);
  }

  @Test
  void coreImportsNeitherAppNorBackends() {
    noClasses().that().resideInAPackage("org.classify4j..")
        .and().resideOutsideOfPackages("org.classify4j.cli..", "org.classify4j.app..",
            "org.classify4j.openai..", "org.classify4j.onnx..", "org.classify4j.testkit..",
            "org.classify4j.server..", "org.classify4j.spark..", "org.classify4j.bench..",
            "org.classify4j.subjects..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.classify4j.app..", "org.classify4j.cli..",
            "org.classify4j.openai..", "org.classify4j.onnx..")
        .check(classes);
  }
}
