package dev.tributary.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture's rules, stated as tests. */
class ArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.server");

    private static final JavaClasses PROTOCOL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.protocol");

    @Test
    void onlyTheConfigPackageReadsEnvironmentVariables() {
        noClasses().that().resideOutsideOfPackage("dev.tributary.server.config..")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(SERVER);
    }

    @Test
    void onlyTheCliWritesToStandardOutOrError() {
        noClasses().that().resideOutsideOfPackages("dev.tributary.server.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(SERVER);
    }

    @Test
    void nothingPrintsStackTraces() {
        noClasses().should().callMethod(Throwable.class, "printStackTrace").check(SERVER);
    }

    @Test
    void theProtocolDependsOnNoServerConsoleOrFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tributary.server..", "dev.tributary.console..", "io.undertow..", "org.hibernate..", "jakarta.persistence..",
                        "javafx..", "com.fasterxml.jackson.databind..")
                .check(PROTOCOL);
    }

    @Test
    void theHttpConfigAndOpsPackagesDoNotTouchHibernate() {
        noClasses().that().resideInAnyPackage("dev.tributary.server.http..", "dev.tributary.server.config..", "dev.tributary.server.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
                .check(SERVER);
    }

    @Test
    void theBlobAndCachePackagesKnowNothingOfTheDatabaseOrHttp() {
        noClasses().that().resideInAnyPackage("dev.tributary.server.blob..", "dev.tributary.server.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..", "io.undertow..",
                        "dev.tributary.server.store..", "dev.tributary.server.http..")
                .check(SERVER);
    }

    @Test
    void theConnectorSpiDependsOnlyOnTheJdkAndJacksonAnnotations() {
        classes().that().resideInAPackage("dev.tributary.server.connect.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.tributary.server.connect.spi..", "java..", "com.fasterxml.jackson.annotation..")
                .check(SERVER);
    }

    @Test
    void theSharedJdbcPackageDependsOnNoConnectorButTheSpi() {
        noClasses().that().resideInAPackage("dev.tributary.server.connect.jdbc..")
                .should().dependOnClassesThat(resideInAPackage("dev.tributary.server.connect..")
                        .and(resideOutsideOfPackages("dev.tributary.server.connect.jdbc..", "dev.tributary.server.connect.spi..")))
                .check(SERVER);
    }

    @Test
    void theSharedNetworkAndJsonPackagesDependOnNothingOfTheServerButTheSpi() {
        for (String shared : List.of("net", "json")) {
            String own = "dev.tributary.server.connect." + shared + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAPackage("dev.tributary.server..")
                            .and(resideOutsideOfPackages(own, "dev.tributary.server.connect.spi..")))
                    .check(SERVER);
        }
    }

    @Test
    void theSharedObjectStoragePackageDependsOnNothingOfTheServer() {
        noClasses().that().resideInAPackage("dev.tributary.server.connect.objects..")
                .should().dependOnClassesThat(resideInAPackage("dev.tributary.server..")
                        .and(resideOutsideOfPackages("dev.tributary.server.connect.objects..")))
                .check(SERVER);
    }

    @Test
    void theFilesAndHttpConnectorsDependOnNothingOfTheServerButTheSpiAndTheSharedPackages() {
        for (String connector : List.of("files", "http")) {
            String own = "dev.tributary.server.connect." + connector + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAPackage("dev.tributary.server..")
                            .and(resideOutsideOfPackages(own, "dev.tributary.server.connect.spi..", "dev.tributary.server.connect.net..",
                                    "dev.tributary.server.connect.json..", "dev.tributary.server.connect.objects..",
                                    "dev.tributary.server.connect.parquet..")))
                    .check(SERVER);
        }
    }

    @Test
    void theSharedParquetPackageDependsOnlyOnTheSpi() {
        noClasses().that().resideInAPackage("dev.tributary.server.connect.parquet..")
                .should().dependOnClassesThat(resideInAPackage("dev.tributary.server..")
                        .and(resideOutsideOfPackages("dev.tributary.server.connect.parquet..", "dev.tributary.server.connect.spi..")))
                .check(SERVER);
    }

    @Test
    void eachConnectorDependsOnNoOtherConnectorPackageButJdbcAndTheSpi() {
        for (String connector : List.of("postgres", "mysql")) {
            String own = "dev.tributary.server.connect." + connector + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAPackage("dev.tributary.server.connect..")
                            .and(resideOutsideOfPackages(own, "dev.tributary.server.connect.jdbc..", "dev.tributary.server.connect.spi..",
                                "dev.tributary.server.connect.net..")))
                    .check(SERVER);
        }
    }
}
