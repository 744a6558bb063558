package dev.portico.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.portico.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domainKnowsNoWebNorStorage = noClasses().that().resideInAPackage("..command.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.jdbc..", "jakarta.servlet..", "java.sql..",
                    "dev.portico.command.api..", "dev.portico.command.session..", "dev.portico.command.login..",
                    "dev.portico.command.privacy..", "dev.portico.command.account..", "dev.portico.command.claim..",
                    "dev.portico.command.audit..");

    @ArchTest
    static final ArchRule commandsAreSentWithTheirAuditMetadata = noClasses()
            .that().resideOutsideOfPackage("..command.audit..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway")
            .because("every event carries who caused it and in which request (audit.AuditedCommands)");

    @ArchTest
    static final ArchRule commandsAreRecords = classes().that().resideInAPackage("..command.command..")
            .should().beRecords();

    @ArchTest
    static final ArchRule onlyTheApiSpeaksHttp = noClasses().that().resideOutsideOfPackage("..command.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule nothingDependsOnTheApi = noClasses().that().resideOutsideOfPackage("..command.api..")
            .should().dependOnClassesThat().resideInAPackage("..command.api..");

    @ArchTest
    static final ArchRule timesAreBoundWithTheirType = noClasses()
            .should().callMethod(java.sql.Timestamp.class, "from", java.time.Instant.class)
            .because("the driver binds a java.sql.Timestamp untyped, which costs a round trip per execution of the"
                    + " statement from then on; store.TimestampParameter binds a timestamptz (decision 0023)");
}
