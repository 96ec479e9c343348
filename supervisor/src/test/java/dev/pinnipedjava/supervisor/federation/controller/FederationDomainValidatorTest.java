package dev.pinnipedjava.supervisor.federation.controller;

import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.IDP_GROUP;
import static dev.pinnipedjava.supervisor.testing.TestFederationDomains.federationDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pinnipedjava.api.condition.ConditionStatus;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransforms;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsConstant;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExample;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExampleExpects;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsConstantType;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.TransformsExpressionType;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPFlow;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import dev.pinnipedjava.supervisor.transform.TransformException;
import dev.pinnipedjava.supervisor.transform.TransformResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FederationDomainValidatorTest {
  private static final FederationDomainValidator VALIDATOR =
      new FederationDomainValidator(IDP_GROUP);

  /** The condition a case checks, with the status and reason and (part of) the message wanted. */
  record Want(String type, ConditionStatus status, String reason, String message) {}

  record Case(
      String name,
      List<FederationDomain> federationDomains,
      FakeIdentityProviders idps,
      List<String> wantValid,
      Map<String, List<Want>> wantConditions) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Want ok(String type, String message) {
    return new Want(type, ConditionStatus.TRUE, "Success", message);
  }

  static Want bad(String type, String reason, String message) {
    return new Want(type, ConditionStatus.FALSE, reason, message);
  }

  static FakeIdentityProviders oneOidc() {
    return new FakeIdentityProviders()
        .with(IdentityProviderKind.OIDC, "my-oidc", IDPFlow.BROWSER_AUTHCODE);
  }

  static FederationDomainTransforms examples(FederationDomainTransformsExample... examples) {
    return new FederationDomainTransforms(null, null, List.of(examples));
  }

  static FederationDomainTransformsExample example(
      String username, List<String> groups, String wantUsername, List<String> wantGroups) {
    return new FederationDomainTransformsExample(
        username,
        groups,
        new FederationDomainTransformsExampleExpects(wantUsername, wantGroups, null, null));
  }

  static FederationDomainTransformsExpression expression(
      TransformsExpressionType type, String expression) {
    return new FederationDomainTransformsExpression(type, expression, null);
  }

  /** Prefixes the username and the groups with {@code pre:}, and refuses {@code root}. */
  static final List<FederationDomainTransformsExpression> PREFIX_AND_POLICY =
      List.of(
          new FederationDomainTransformsExpression(
              TransformsExpressionType.POLICY_V1, "username != \"root\"", "no root"),
          expression(TransformsExpressionType.USERNAME_V1, "\"pre:\" + username"),
          expression(TransformsExpressionType.GROUPS_V1, "groups.map(g, \"pre:\" + g)"));

  static FederationDomainTransforms transforms(
      List<FederationDomainTransformsExpression> expressions,
      List<FederationDomainTransformsExample> examples) {
    return new FederationDomainTransforms(null, expressions, examples);
  }

  static FederationDomainTransformsExample rejected(String username, String message) {
    return new FederationDomainTransformsExample(
        username, null, new FederationDomainTransformsExampleExpects(null, null, true, message));
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "an explicit identity provider that exists: every condition holds",
            List.of(
                federationDomain()
                    .identityProvider("Okta", "OIDCIdentityProvider", "my-oidc")
                    .build()),
            oneOidc(),
            List.of("fd"),
            Map.of(
                "fd",
                List.of(
                    ok("IssuerURLValid", "spec.issuer is a valid URL"),
                    ok("IssuerIsUnique", "spec.issuer is unique among all FederationDomains"),
                    ok(
                        "OneTLSSecretPerIssuerHostname",
                        "all FederationDomains are using the same TLS secret when using the same hostname in the spec.issuer URL"),
                    ok(
                        "IdentityProvidersFound",
                        "the resources specified by .spec.identityProviders[].objectRef were found"),
                    ok(
                        "IdentityProvidersDisplayNamesUnique",
                        "the names specified by .spec.identityProviders[].displayName are unique"),
                    ok(
                        "IdentityProvidersObjectRefAPIGroupSuffixValid",
                        "the API groups specified by .spec.identityProviders[].objectRef.apiGroup are recognized"),
                    ok(
                        "IdentityProvidersObjectRefKindValid",
                        "the kinds specified by .spec.identityProviders[].objectRef.kind are recognized"),
                    ok(
                        "TransformsExpressionsValid",
                        "the expressions specified by .spec.identityProviders[].transforms.expressions[] are valid"),
                    ok(
                        "TransformsExamplesPassed",
                        "the examples specified by .spec.identityProviders[].transforms.examples[] had no errors")))),
        new Case(
            "legacy mode with exactly one identity provider uses it",
            List.of(federationDomain().build()),
            oneOidc(),
            List.of("fd"),
            Map.of(
                "fd",
                List.of(
                    new Want(
                        "IdentityProvidersFound",
                        ConditionStatus.TRUE,
                        "LegacyConfigurationSuccess",
                        "no resources were specified by .spec.identityProviders[].objectRef but exactly one identity provider resource has been found: using \"my-oidc\" as identity provider: please explicitly list identity providers in .spec.identityProviders (this legacy configuration mode may be removed in a future version of Pinniped)")))),
        new Case(
            "legacy mode without identity providers",
            List.of(federationDomain().build()),
            new FakeIdentityProviders(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "IdentityProvidersFound",
                        "LegacyConfigurationIdentityProviderNotFound",
                        "no resources were specified by .spec.identityProviders[].objectRef and no identity provider resources have been found: please create an identity provider resource"),
                    ok("IssuerURLValid", "spec.issuer is a valid URL")))),
        new Case(
            "legacy mode with several identity providers",
            List.of(federationDomain().build()),
            oneOidc().with(IdentityProviderKind.LDAP, "my-ldap"),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "IdentityProvidersFound",
                        "IdentityProviderNotSpecified",
                        "no resources were specified by .spec.identityProviders[].objectRef and 2 identity provider resources have been found: please update .spec.identityProviders to specify which identity providers this federation domain should use")))),
        new Case(
            "an invalid issuer",
            List.of(federationDomain().issuer("http://issuer.example.com").build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "IssuerURLValid",
                        "InvalidIssuerURL",
                        "issuer must have \"https\" scheme")))),
        new Case(
            "an unparseable issuer cannot be compared with others",
            List.of(federationDomain().issuer("https://issuer.example.com/a b").build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    new Want(
                        "IssuerIsUnique",
                        ConditionStatus.UNKNOWN,
                        "UnableToValidate",
                        "unable to check if spec.issuer is unique among all FederationDomains because URL cannot be parsed"),
                    new Want(
                        "OneTLSSecretPerIssuerHostname",
                        ConditionStatus.UNKNOWN,
                        "UnableToValidate",
                        "unable to check if all FederationDomains are using the same TLS secret when using the same hostname in the spec.issuer URL because URL cannot be parsed")))),
        new Case(
            "issuers that differ only in host case are duplicates; another path is not",
            List.of(
                federationDomain().name("a").issuer("https://Issuer.example.com/p").build(),
                federationDomain().name("b").issuer("https://issuer.EXAMPLE.com/p").build(),
                federationDomain().name("c").issuer("https://issuer.example.com/other").build()),
            oneOidc(),
            List.of("c"),
            Map.of(
                "a",
                List.of(
                    bad(
                        "IssuerIsUnique",
                        "DuplicateIssuer",
                        "multiple FederationDomains have the same spec.issuer URL: these URLs must be unique (can use different hosts or paths)")),
                "c",
                List.of(
                    ok("IssuerIsUnique", "spec.issuer is unique among all FederationDomains")))),
        new Case(
            "one hostname with two TLS Secrets, whatever the ports",
            List.of(
                federationDomain()
                    .name("a")
                    .issuer("https://issuer.example.com:443/a")
                    .tlsSecretName("one")
                    .build(),
                federationDomain()
                    .name("b")
                    .issuer("https://ISSUER.example.com/b")
                    .tlsSecretName("two")
                    .build(),
                federationDomain()
                    .name("c")
                    .issuer("https://other.example.com/c")
                    .tlsSecretName("two")
                    .build()),
            oneOidc(),
            List.of("c"),
            Map.of(
                "b",
                List.of(
                    bad(
                        "OneTLSSecretPerIssuerHostname",
                        "DifferentSecretRefsFound",
                        "when different FederationDomains are using the same hostname in the spec.issuer URL then they must also use the same TLS secretRef: different secretRefs found")))),
        new Case(
            "references that do not resolve, with bad groups and kinds",
            List.of(
                federationDomain()
                    .identityProvider("missing", "OIDCIdentityProvider", "nope")
                    .identityProvider(
                        "wrong group",
                        "idp.supervisor.tuna.io",
                        "OIDCIdentityProvider",
                        "my-oidc",
                        null)
                    .identityProvider("no group", null, "OIDCIdentityProvider", "my-oidc", null)
                    .identityProvider(
                        "wrong kind", IDP_GROUP, "SAMLIdentityProvider", "my-saml", null)
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "IdentityProvidersFound",
                        "IdentityProvidersObjectRefsNotFound",
                        String.join(
                            "\n\n",
                            "cannot find resource specified by .spec.identityProviders[0].objectRef (with name \"nope\")",
                            "cannot find resource specified by .spec.identityProviders[1].objectRef (with name \"my-oidc\")",
                            "cannot find resource specified by .spec.identityProviders[2].objectRef (with name \"my-oidc\")",
                            "cannot find resource specified by .spec.identityProviders[3].objectRef (with name \"my-saml\")")),
                    bad(
                        "IdentityProvidersObjectRefAPIGroupSuffixValid",
                        "APIGroupUnrecognized",
                        "some API groups specified by .spec.identityProviders[].objectRef.apiGroup are not recognized (should be \"idp.supervisor.pinniped.dev\"): \"\", \"idp.supervisor.tuna.io\""),
                    bad(
                        "IdentityProvidersObjectRefKindValid",
                        "KindUnrecognized",
                        "some kinds specified by .spec.identityProviders[].objectRef.kind are not recognized (should be one of \"ActiveDirectoryIdentityProvider\", \"GitHubIdentityProvider\", \"LDAPIdentityProvider\", \"OIDCIdentityProvider\"): \"SAMLIdentityProvider\"")))),
        new Case(
            "duplicate display names",
            List.of(
                federationDomain()
                    .identityProvider("Same", "OIDCIdentityProvider", "my-oidc")
                    .identityProvider("Same", "OIDCIdentityProvider", "my-oidc")
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "IdentityProvidersDisplayNamesUnique",
                        "DuplicateDisplayNames",
                        "the names specified by .spec.identityProviders[].displayName contain duplicates: \"Same\"")))),
        new Case(
            "expressions that do not compile are listed, each with its problem",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        transforms(
                            List.of(
                                expression(TransformsExpressionType.USERNAME_V1, "username"),
                                expression(TransformsExpressionType.USERNAME_V1, "user"),
                                expression(TransformsExpressionType.GROUPS_V1, "username")),
                            List.of()))
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "TransformsExpressionsValid",
                        "InvalidTransformsExpressions",
                        """
                        spec.identityProvider[0].transforms.expressions[1].expression was invalid:
                        CEL expression compile error: ERROR: <input>:1:1: undeclared reference to 'user' (in container '')
                         | user
                         | ^

                        spec.identityProvider[0].transforms.expressions[2].expression was invalid:
                        CEL expression should return type "list(string)" but returns type "string\""""),
                    bad(
                        "TransformsExamplesPassed",
                        "TransformsExamplesFailed",
                        "unable to check if the examples specified by .spec.identityProviders[0].transforms.examples[] had errors because an expression was invalid")))),
        new Case(
            "examples run against the expressions: those that pass",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        transforms(
                            PREFIX_AND_POLICY,
                            List.of(
                                example(
                                    "ryan",
                                    List.of("b", "a", "b"),
                                    "pre:ryan",
                                    List.of("pre:a", "pre:b")),
                                rejected("root", "no root"))))
                    .build()),
            oneOidc(),
            List.of("fd"),
            Map.of(
                "fd",
                List.of(
                    ok(
                        "TransformsExpressionsValid",
                        "the expressions specified by .spec.identityProviders[].transforms.expressions[] are valid"),
                    ok(
                        "TransformsExamplesPassed",
                        "the examples specified by .spec.identityProviders[].transforms.examples[] had no errors")))),
        new Case(
            "examples run against the expressions: those that fail",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        transforms(
                            PREFIX_AND_POLICY,
                            List.of(
                                example("ryan", List.of("b"), "ryan", List.of("b")),
                                rejected("root", "another message"),
                                example("root", List.of(), "pre:root", List.of()),
                                rejected("ryan", ""))))
                    .identityProvider("Other", "OIDCIdentityProvider", "my-oidc")
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    ok(
                        "TransformsExpressionsValid",
                        "the expressions specified by .spec.identityProviders[].transforms.expressions[] are valid"),
                    bad(
                        "TransformsExamplesPassed",
                        "TransformsExamplesFailed",
                        String.join(
                            "\n\n",
                            ".spec.identityProviders[0].transforms.examples[0] example failed:\nexpected: username \"ryan\"\nactual:   username \"pre:ryan\"",
                            ".spec.identityProviders[0].transforms.examples[0] example failed:\nexpected: groups [\"b\"]\nactual:   groups [\"pre:b\"]",
                            ".spec.identityProviders[0].transforms.examples[1] example failed:\nexpected: authentication rejection message \"another message\"\nactual:   authentication rejection message \"no root\"",
                            ".spec.identityProviders[0].transforms.examples[2] example failed:\nexpected: authentication not to be rejected\nactual:   authentication was rejected with message \"no root\"",
                            ".spec.identityProviders[0].transforms.examples[3] example failed:\nexpected: authentication to be rejected\nactual:   authentication was not rejected"))))),
        new Case(
            "an example whose transformation fails at run time",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        transforms(
                            List.of(expression(TransformsExpressionType.USERNAME_V1, "\"\"")),
                            List.of(example("ryan", List.of(), "ryan", List.of()))))
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "TransformsExamplesPassed",
                        "TransformsExamplesFailed",
                        ".spec.identityProviders[0].transforms.examples[0] example failed:\nexpected: no transformation errors\nactual:   transformations resulted in an unexpected error \"identity transformation returned an empty username, which is not allowed\"")))),
        new Case(
            "examples without expressions pass when they expect the identity unchanged",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        examples(
                            example("ryan", List.of("b", "a", "a"), "ryan", List.of("a", "b"))))
                    .build()),
            oneOidc(),
            List.of("fd"),
            Map.of(
                "fd",
                List.of(
                    ok(
                        "TransformsExamplesPassed",
                        "the examples specified by .spec.identityProviders[].transforms.examples[] had no errors")))),
        new Case(
            "examples that expect a change fail with Pinniped's messages",
            List.of(
                federationDomain()
                    .identityProvider(
                        "Okta",
                        IDP_GROUP,
                        "OIDCIdentityProvider",
                        "my-oidc",
                        examples(
                            example("ryan", List.of("b"), "pre:ryan", List.of("pre:b")),
                            new FederationDomainTransformsExample(
                                "ryan",
                                null,
                                new FederationDomainTransformsExampleExpects(
                                    null, null, true, null))))
                    .build()),
            oneOidc(),
            List.of(),
            Map.of(
                "fd",
                List.of(
                    bad(
                        "TransformsExamplesPassed",
                        "TransformsExamplesFailed",
                        String.join(
                            "\n\n",
                            ".spec.identityProviders[0].transforms.examples[0] example failed:\nexpected: username \"pre:ryan\"\nactual:   username \"ryan\"",
                            ".spec.identityProviders[0].transforms.examples[0] example failed:\nexpected: groups [\"pre:b\"]\nactual:   groups [\"b\"]",
                            ".spec.identityProviders[0].transforms.examples[1] example failed:\nexpected: authentication to be rejected\nactual:   authentication was not rejected"))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesLikePinniped(Case c) {
    FederationDomainValidator.Outcome outcome = VALIDATOR.validate(c.federationDomains(), c.idps());

    assertThat(outcome.valid())
        .extracting(issuer -> issuer.federationDomain().name())
        .containsExactlyElementsOf(c.wantValid());
    c.wantConditions()
        .forEach(
            (name, wants) -> {
              Map<String, DesiredCondition> byType =
                  outcome
                      .conditions()
                      .getOrDefault(Key.namespaced("supervisor", name), List.of())
                      .stream()
                      .collect(Collectors.toMap(DesiredCondition::type, condition -> condition));
              for (Want want : wants) {
                assertThat(byType.get(want.type()))
                    .as(name + " " + want.type())
                    .isEqualTo(
                        new DesiredCondition(
                            want.type(), want.status(), want.reason(), want.message()));
              }
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFederationDomainGetsEveryConditionTypeButReady(Case c) {
    FederationDomainValidator.Outcome outcome = VALIDATOR.validate(c.federationDomains(), c.idps());

    for (List<DesiredCondition> conditions : outcome.conditions().values()) {
      assertThat(conditions)
          .extracting(DesiredCondition::type)
          .containsExactlyInAnyOrder(
              "IssuerURLValid",
              "IssuerIsUnique",
              "OneTLSSecretPerIssuerHostname",
              "IdentityProvidersFound",
              "IdentityProvidersDisplayNamesUnique",
              "IdentityProvidersObjectRefAPIGroupSuffixValid",
              "IdentityProvidersObjectRefKindValid",
              "TransformsExpressionsValid",
              "TransformsExamplesPassed");
    }
  }

  @Test
  void aValidFederationDomainCarriesItsIssuerTlsSecretAndIdentityProviders() {
    FederationDomain federationDomain =
        federationDomain()
            .issuer("https://Issuer.example.com:8443/path")
            .tlsSecretName("issuer-tls")
            .identityProvider("Corp LDAP", "LDAPIdentityProvider", "my-ldap")
            .identityProvider("Okta", "OIDCIdentityProvider", "my-oidc")
            .build();
    FakeIdentityProviders idps =
        oneOidc()
            .with(
                IdentityProviderKind.LDAP,
                "my-ldap",
                IDPFlow.CLI_PASSWORD,
                IDPFlow.BROWSER_AUTHCODE);

    FederationDomainIssuer issuer =
        VALIDATOR.validate(List.of(federationDomain), idps).valid().get(0);

    assertThat(issuer.issuer()).isEqualTo("https://Issuer.example.com:8443/path");
    assertThat(issuer.url().hostname()).isEqualTo("issuer.example.com");
    assertThat(issuer.tlsSecretName()).isEqualTo("issuer-tls");
    assertThat(issuer.defaultIdentityProvider()).isNull();
    assertThat(issuer.identityProviders())
        .containsExactly(
            new OfferedIdentityProvider(
                "Corp LDAP",
                IdentityProviderKind.LDAP,
                "my-ldap",
                "my-ldap-uid",
                List.of(IDPFlow.CLI_PASSWORD, IDPFlow.BROWSER_AUTHCODE)),
            new OfferedIdentityProvider(
                "Okta",
                IdentityProviderKind.OIDC,
                "my-oidc",
                "my-oidc-uid",
                List.of(IDPFlow.BROWSER_AUTHCODE)));
  }

  @Test
  void anOfferedProviderCarriesItsCompiledTransforms() throws TransformException {
    FederationDomain federationDomain =
        federationDomain()
            .identityProvider(
                "Okta",
                IDP_GROUP,
                "OIDCIdentityProvider",
                "my-oidc",
                new FederationDomainTransforms(
                    List.of(
                        new FederationDomainTransformsConstant(
                            "suffix", TransformsConstantType.STRING, "@corp", null)),
                    List.of(
                        expression(
                            TransformsExpressionType.USERNAME_V1, "username + strConst.suffix")),
                    null))
            .build();

    OfferedIdentityProvider offered =
        VALIDATOR
            .validate(List.of(federationDomain), oneOidc())
            .valid()
            .get(0)
            .identityProviders()
            .get(0);

    assertThat(offered.transforms().apply("ryan", List.of("b", "a")))
        .isEqualTo(new TransformResult.Allowed("ryan@corp", List.of("a", "b")));
  }

  @Test
  void legacyModeOffersTheOnlyProviderUnderItsResourceName() {
    FederationDomainIssuer issuer =
        VALIDATOR.validate(List.of(federationDomain().build()), oneOidc()).valid().get(0);

    OfferedIdentityProvider only =
        new OfferedIdentityProvider(
            "my-oidc",
            IdentityProviderKind.OIDC,
            "my-oidc",
            "my-oidc-uid",
            List.of(IDPFlow.BROWSER_AUTHCODE));
    assertThat(issuer.identityProviders()).containsExactly(only);
    assertThat(issuer.defaultIdentityProvider()).isEqualTo(only);
  }
}
