package dev.portico.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.portico.events", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {
    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule eventsAreRecords = classes().that().areAnnotatedWith(org.axonframework.serialization.Revision.class)
            .should().beRecords();

    @ArchTest
    static final ArchRule eventsArePastTense = classes().that().areAnnotatedWith(org.axonframework.serialization.Revision.class)
            .should().haveSimpleNameEndingWith("ed");
}
