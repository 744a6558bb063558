package dev.portico.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of the service: the web stays at the edge, read models know nothing of who reads them. */
@AnalyzeClasses(packages = "dev.portico.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule readModelsAndQueriesDoNotKnowTheApi = noClasses()
            .that().resideInAnyPackage("dev.portico.query.readmodel..", "dev.portico.query.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.portico.query.api..");

    @ArchTest
    static final ArchRule projectionsKnowNeitherTheApiNorPublishing = noClasses()
            .that().resideInAPackage("dev.portico.query.projection..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.portico.query.api..", "dev.portico.query.publish..");

    @ArchTest
    static final ArchRule onlyTheApiAndTheConsoleUseSpringWeb = noClasses()
            .that().resideOutsideOfPackages("dev.portico.query.api..", "dev.portico.query.console..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");

    /** The console shows what the read API would, through its queries and scopes: no way around them. */
    @ArchTest
    static final ArchRule theConsoleHasNoBackDoorIntoTheTables = noClasses()
            .that().resideInAPackage("dev.portico.query.console..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Store")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..",
                    "java.sql..", "dev.portico.query.projection..", "dev.portico.query.publish..");

    @ArchTest
    static final ArchRule readModelsAndQueriesDoNotPublish = noClasses()
            .that().resideInAnyPackage("dev.portico.query.readmodel..", "dev.portico.query.query..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.portico.query.publish..", "org.apache.kafka..");
}
