package dev.episodes.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Functional core, thin Flink shell: domain packages never see Flink. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.episodes");

    @Test
    void domainPackagesDoNotDependOnFlink() {
        noClasses().that().resideInAnyPackage("dev.episodes.event..", "dev.episodes.decode..",
                        "dev.episodes.ordering..", "dev.episodes.reduction..", "dev.episodes.pairing..",
                        "dev.episodes.redaction..", "dev.episodes.session..", "dev.episodes.device..",
                        "dev.episodes.writing..", "dev.episodes.config..", "dev.episodes.generate..",
                        "dev.episodes.snapshot..", "dev.episodes.inspect..", "dev.episodes.archive..",
                        "dev.episodes.scope..", "dev.episodes.frames..", "dev.episodes.masking..",
                        "dev.episodes.view..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .check(CLASSES);
    }

    @Test
    void onlyTheWritingStageTouchesParquet() {
        noClasses().that().resideOutsideOfPackage("dev.episodes.writing..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.parquet..")
                .check(CLASSES);
    }
}
