package dev.pinnipedjava.supervisor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Supervisor's layering rules, checked on its compiled classes. */
@AnalyzeClasses(
    packages = "dev.pinnipedjava.supervisor",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** Endpoints see upstream providers only through the one interface: no branching on kind. */
  @ArchTest
  static final ArchRule endpointsDoNotKnowUpstreamKinds =
      noClasses()
          .that()
          .resideInAPackage("..supervisor.endpoint..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..supervisor.upstream.oidc..",
              "..supervisor.upstream.ldap..",
              "..supervisor.upstream.ad..",
              "..supervisor.upstream.activedirectory..",
              "..supervisor.upstream.github..");

  /** Request handlers read snapshots and storage; they never call the API server themselves. */
  @ArchTest
  static final ArchRule endpointsDoNotUseTheKubernetesClient =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..supervisor.endpoint..", "..supervisor.oauth..", "..supervisor.login..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fabric8.kubernetes.client..");

  /** Storage documents are the Supervisor's own records, never OAuth library types. */
  @ArchTest
  static final ArchRule sessionsAndStorageHoldNoNimbusTypes =
      noClasses()
          .that()
          .resideInAnyPackage("..supervisor.session..", "..supervisor.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.nimbusds..");
}
