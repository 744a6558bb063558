package dev.portico.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

/**
 * The shape of the contract. Events live in one package per sub-area ({@code user}, {@code identity},
 * {@code session}, …) beside the enums they use; typed ids and the sealed-data format live at the top.
 */
@AnalyzeClasses(packages = "dev.portico.events", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {
    private static final String SUB_AREAS = "dev.portico.events.(*)..";

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule subAreasHoldEventsAndEnumsOnly = classes().that().resideInAPackage(SUB_AREAS)
            .and().resideOutsideOfPackage("dev.portico.events.store..")
            .and().areTopLevelClasses().and().areNotEnums()
            .should().beRecords().andShould().implement(UserEvent.class)
            .because("a sub-area package holds the events of the history and their enums");

    @ArchTest
    static final ArchRule everyEventCarriesARevision = classes().that().implement(UserEvent.class)
            .should().beAnnotatedWith(Revision.class).andShould().beRecords()
            .andShould().haveSimpleNameEndingWith("ed")
            .because("stored events are read back by revision, and events are named in the past tense");

    @ArchTest
    static final ArchRule eventsLiveInSubAreas = classes().that().implement(UserEvent.class)
            .should().resideInAPackage(SUB_AREAS);
}
