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
    static final ArchRule onlyTheApiUsesSpringWeb = noClasses()
            .that().resideOutsideOfPackage("dev.portico.query.api..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule readModelsAndQueriesDoNotPublish = noClasses()
            .that().resideInAnyPackage("dev.portico.query.readmodel..", "dev.portico.query.query..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.portico.query.publish..", "org.apache.kafka..");
}
