package dev.pinnipedjava.supervisor.federation.controller;

import static dev.pinnipedjava.supervisor.federation.controller.FederationDomainConditions.*;

import dev.pinnipedjava.api.reference.TypedLocalObjectReference;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomain;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainIdentityProvider;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainSpec;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransforms;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExample;
import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExampleExpects;
import dev.pinnipedjava.controller.Key;
import dev.pinnipedjava.controller.conditions.Conditions;
import dev.pinnipedjava.controller.conditions.DesiredCondition;
import dev.pinnipedjava.supervisor.federation.FederationDomainIssuer;
import dev.pinnipedjava.supervisor.federation.InvalidIssuerException;
import dev.pinnipedjava.supervisor.federation.IssuerUrl;
import dev.pinnipedjava.supervisor.federation.OfferedIdentityProvider;
import dev.pinnipedjava.supervisor.resource.IdentityProviderKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Validates all FederationDomains together, as Pinniped's FederationDomain watcher: each gets every
 * condition type but Ready (see {@link FederationDomainController}), with Pinniped's reasons and
 * messages, and those without a False condition become {@link FederationDomainIssuer}s.
 *
 * <p>Identity transformations: CEL expressions are not evaluated by this Supervisor yet. A
 * FederationDomain with transform expressions is therefore refused (TransformsExpressionsValid
 * False) rather than served without its policies; examples are checked against the identity (no
 * expressions), which is exactly what such a pipeline does.
 */
public final class FederationDomainValidator {
  /** The expression problem reported until CEL expressions are supported. */
  static final String EXPRESSIONS_NOT_SUPPORTED =
      "CEL transform expressions are not supported by this Supervisor yet";

  private static final String EXAMPLE_FAILED =
      ".spec.identityProviders[%d].transforms.examples[%d] example failed:\nexpected: %s\nactual:   %s";

  private final String identityProviderGroup;

  /**
   * @param identityProviderGroup the API group objectRefs must name: {@code
   *     idp.supervisor.<suffix>}
   */
  public FederationDomainValidator(String identityProviderGroup) {
    this.identityProviderGroup = identityProviderGroup;
  }

  /**
   * The result of validating all FederationDomains.
   *
   * @param valid the FederationDomains to serve, in the order given
   * @param conditions the conditions of each FederationDomain, by key
   */
  public record Outcome(
      List<FederationDomainIssuer> valid, Map<Key, List<DesiredCondition>> conditions) {
    public Outcome {
      valid = List.copyOf(valid);
      conditions = Map.copyOf(conditions);
    }
  }

  public Outcome validate(List<FederationDomain> federationDomains, IdentityProviderLookup lookup) {
    CrossDomainChecks cross = new CrossDomainChecks(federationDomains);
    List<FederationDomainIssuer> valid = new ArrayList<>();
    Map<Key, List<DesiredCondition>> allConditions = new LinkedHashMap<>();
    for (FederationDomain federationDomain : federationDomains) {
      List<DesiredCondition> conditions = new ArrayList<>(cross.check(federationDomain));
      Optional<FederationDomainIssuer> issuer =
          hasIdentityProviders(federationDomain)
              ? explicit(federationDomain, lookup, conditions)
              : legacy(federationDomain, lookup, conditions);
      Key key = Key.of(federationDomain);
      allConditions.put(key, List.copyOf(conditions));
      if (!Conditions.anyFalse(conditions)) {
        valid.add(issuer.orElseThrow());
      }
    }
    return new Outcome(valid, allConditions);
  }

  private static boolean hasIdentityProviders(FederationDomain federationDomain) {
    List<FederationDomainIdentityProvider> listed = spec(federationDomain).identityProviders();
    return listed != null && !listed.isEmpty();
  }

  private static FederationDomainSpec spec(FederationDomain federationDomain) {
    FederationDomainSpec spec = federationDomain.getSpec();
    return spec == null ? new FederationDomainSpec("", null, null) : spec;
  }

  /** No identity providers listed: the only one in the namespace, under its resource name. */
  private Optional<FederationDomainIssuer> legacy(
      FederationDomain federationDomain,
      IdentityProviderLookup lookup,
      List<DesiredCondition> conditions) {
    List<FoundIdentityProvider> all = lookup.all(federationDomain.getMetadata().getNamespace());
    OfferedIdentityProvider defaultProvider = null;
    if (all.size() == 1) {
      FoundIdentityProvider only = all.get(0);
      defaultProvider = offered(only.name(), only);
      conditions.add(
          DesiredCondition.isTrue(
              TYPE_IDENTITY_PROVIDERS_FOUND,
              REASON_LEGACY_CONFIGURATION_SUCCESS,
              "no resources were specified by .spec.identityProviders[].objectRef but exactly one"
                  + " identity provider resource has been found: using "
                  + GoQuote.quote(only.name())
                  + " as identity provider: please explicitly list identity providers in"
                  + " .spec.identityProviders (this legacy configuration mode may be removed in a"
                  + " future version of Pinniped)"));
    } else if (all.size() > 1) {
      conditions.add(
          DesiredCondition.isFalse(
              TYPE_IDENTITY_PROVIDERS_FOUND,
              REASON_IDENTITY_PROVIDER_NOT_SPECIFIED,
              "no resources were specified by .spec.identityProviders[].objectRef and "
                  + all.size()
                  + " identity provider resources have been found: please update"
                  + " .spec.identityProviders to specify which identity providers this federation"
                  + " domain should use"));
    } else {
      conditions.add(
          DesiredCondition.isFalse(
              TYPE_IDENTITY_PROVIDERS_FOUND,
              REASON_LEGACY_CONFIGURATION_IDENTITY_PROVIDER_NOT_FOUND,
              "no resources were specified by .spec.identityProviders[].objectRef and no identity"
                  + " provider resources have been found: please create an identity provider"
                  + " resource"));
    }
    Optional<IssuerUrl> url = issuerUrl(federationDomain, conditions);
    conditions.add(displayNamesUnique(Set.of()));
    conditions.add(apiGroupValid(List.of()));
    conditions.add(kindValid(List.of()));
    conditions.add(expressionsValid(List.of()));
    conditions.add(examplesPassed(List.of()));
    List<OfferedIdentityProvider> providers =
        defaultProvider == null ? List.of() : List.of(defaultProvider);
    return url.map(
        issuer ->
            issuer(
                federationDomain,
                issuer,
                providers,
                providers.isEmpty() ? null : providers.get(0)));
  }

  private Optional<FederationDomainIssuer> explicit(
      FederationDomain federationDomain,
      IdentityProviderLookup lookup,
      List<DesiredCondition> conditions) {
    List<FederationDomainIdentityProvider> listed =
        Optional.ofNullable(spec(federationDomain).identityProviders()).orElse(List.of());
    List<OfferedIdentityProvider> providers = new ArrayList<>();
    List<Integer> notFound = new ArrayList<>();
    Set<String> displayNames = new HashSet<>();
    Set<String> duplicateDisplayNames = new LinkedHashSet<>();
    List<String> badApiGroups = new ArrayList<>();
    List<String> badKinds = new ArrayList<>();
    List<String> expressionErrors = new ArrayList<>();
    List<String> exampleErrors = new ArrayList<>();
    for (int index = 0; index < listed.size(); index++) {
      FederationDomainIdentityProvider provider = listed.get(index);
      boolean providerValid = true;
      if (!displayNames.add(provider.displayName())) {
        duplicateDisplayNames.add(provider.displayName());
        providerValid = false;
      }
      TypedLocalObjectReference ref = provider.objectRef();
      String apiGroup = ref.apiGroup() == null ? "" : ref.apiGroup();
      boolean canLookUp = true;
      if (!apiGroup.equals(identityProviderGroup)) {
        badApiGroups.add(apiGroup);
        canLookUp = false;
      }
      Optional<IdentityProviderKind> kind = IdentityProviderKind.fromKind(ref.kind());
      if (kind.isEmpty()) {
        badKinds.add(ref.kind());
        canLookUp = false;
      }
      Optional<FoundIdentityProvider> found =
          canLookUp
              ? lookup.find(
                  kind.orElseThrow(), federationDomain.getMetadata().getNamespace(), ref.name())
              : Optional.empty();
      if (found.isEmpty()) {
        notFound.add(index);
        providerValid = false;
      }
      if (!transformsValid(index, provider.transforms(), expressionErrors, exampleErrors)) {
        providerValid = false;
      }
      if (providerValid) {
        providers.add(offered(provider.displayName(), found.orElseThrow()));
      }
    }
    Optional<IssuerUrl> url = issuerUrl(federationDomain, conditions);
    conditions.add(identityProvidersFound(notFound, listed));
    conditions.add(displayNamesUnique(duplicateDisplayNames));
    conditions.add(apiGroupValid(badApiGroups));
    conditions.add(kindValid(badKinds));
    conditions.add(expressionsValid(expressionErrors));
    conditions.add(examplesPassed(exampleErrors));
    return url.map(issuer -> issuer(federationDomain, issuer, providers, null));
  }

  private static OfferedIdentityProvider offered(String displayName, FoundIdentityProvider found) {
    return new OfferedIdentityProvider(
        displayName, found.kind(), found.name(), found.uid(), found.flows());
  }

  private static FederationDomainIssuer issuer(
      FederationDomain federationDomain,
      IssuerUrl url,
      List<OfferedIdentityProvider> providers,
      @Nullable OfferedIdentityProvider defaultProvider) {
    var tls = spec(federationDomain).tls();
    return new FederationDomainIssuer(
        Key.of(federationDomain),
        url,
        tls == null ? null : tls.secretName(),
        providers,
        defaultProvider);
  }

  private static Optional<IssuerUrl> issuerUrl(
      FederationDomain federationDomain, List<DesiredCondition> conditions) {
    try {
      IssuerUrl url = IssuerUrl.parse(spec(federationDomain).issuer());
      conditions.add(
          DesiredCondition.isTrue(
              TYPE_ISSUER_URL_VALID, REASON_SUCCESS, "spec.issuer is a valid URL"));
      return Optional.of(url);
    } catch (InvalidIssuerException e) {
      conditions.add(
          DesiredCondition.isFalse(
              TYPE_ISSUER_URL_VALID, REASON_INVALID_ISSUER_URL, String.valueOf(e.getMessage())));
      return Optional.empty();
    }
  }

  /**
   * Checks one identity provider's transforms, adding its problems to the lists.
   *
   * @return whether its transforms are valid and all its examples pass
   */
  private static boolean transformsValid(
      int index,
      @Nullable FederationDomainTransforms transforms,
      List<String> expressionErrors,
      List<String> exampleErrors) {
    if (transforms == null) {
      return true;
    }
    int expressions = transforms.expressions() == null ? 0 : transforms.expressions().size();
    if (expressions > 0) {
      List<String> problems = new ArrayList<>();
      for (int expression = 0; expression < expressions; expression++) {
        problems.add(
            "spec.identityProvider[%d].transforms.expressions[%d].expression was invalid:\n%s"
                .formatted(index, expression, EXPRESSIONS_NOT_SUPPORTED));
      }
      expressionErrors.add(String.join("\n\n", problems));
      exampleErrors.add(
          ("unable to check if the examples specified by .spec.identityProviders[%d]"
                  + ".transforms.examples[] had errors because an expression was invalid")
              .formatted(index));
      return false;
    }
    List<FederationDomainTransformsExample> examples =
        transforms.examples() == null ? List.of() : transforms.examples();
    List<String> problems = new ArrayList<>();
    for (int example = 0; example < examples.size(); example++) {
      exampleProblems(index, example, examples.get(example)).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      exampleErrors.add(String.join("\n\n", problems));
      return false;
    }
    return true;
  }

  /**
   * The problems of an example against the empty pipeline, which passes the username through, sorts
   * and de-duplicates the groups, and never rejects.
   */
  private static Optional<String> exampleProblems(
      int index, int exampleIndex, FederationDomainTransformsExample example) {
    FederationDomainTransformsExampleExpects expects = example.expects();
    if (Boolean.TRUE.equals(expects.rejected())) {
      return Optional.of(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "authentication to be rejected",
              "authentication was not rejected"));
    }
    List<String> problems = new ArrayList<>();
    String expectedUsername = expects.username() == null ? "" : expects.username();
    if (!expectedUsername.equals(example.username())) {
      problems.add(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "username " + GoQuote.quote(expectedUsername),
              "username " + GoQuote.quote(example.username())));
    }
    List<String> expectedGroups = expects.groups() == null ? List.of() : expects.groups();
    List<String> actualGroups = example.groups() == null ? List.of() : example.groups();
    if (!new TreeSet<>(expectedGroups).equals(new TreeSet<>(actualGroups))) {
      problems.add(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "groups [" + String.join(", ", GoQuote.sortAndQuote(expectedGroups)) + "]",
              "groups ["
                  + String.join(", ", GoQuote.sortAndQuote(new TreeSet<>(actualGroups)))
                  + "]"));
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", problems));
  }

  private static DesiredCondition identityProvidersFound(
      List<Integer> notFound, List<FederationDomainIdentityProvider> listed) {
    if (!notFound.isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (int index : notFound) {
        messages.add(
            "cannot find resource specified by .spec.identityProviders[%d].objectRef (with name %s)"
                .formatted(index, GoQuote.quote(listed.get(index).objectRef().name())));
      }
      return DesiredCondition.isFalse(
          TYPE_IDENTITY_PROVIDERS_FOUND,
          REASON_IDENTITY_PROVIDERS_OBJECT_REFS_NOT_FOUND,
          String.join("\n\n", messages));
    }
    return DesiredCondition.isTrue(
        TYPE_IDENTITY_PROVIDERS_FOUND,
        REASON_SUCCESS,
        "the resources specified by .spec.identityProviders[].objectRef were found");
  }

  private static DesiredCondition displayNamesUnique(Set<String> duplicates) {
    if (!duplicates.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_IDENTITY_PROVIDERS_DISPLAY_NAMES_UNIQUE,
          REASON_DUPLICATE_DISPLAY_NAMES,
          "the names specified by .spec.identityProviders[].displayName contain duplicates: "
              + String.join(", ", GoQuote.sortAndQuote(duplicates)));
    }
    return DesiredCondition.isTrue(
        TYPE_IDENTITY_PROVIDERS_DISPLAY_NAMES_UNIQUE,
        REASON_SUCCESS,
        "the names specified by .spec.identityProviders[].displayName are unique");
  }

  private DesiredCondition apiGroupValid(List<String> badApiGroups) {
    if (!badApiGroups.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_IDENTITY_PROVIDERS_API_GROUP_SUFFIX_VALID,
          REASON_API_GROUP_UNRECOGNIZED,
          "some API groups specified by .spec.identityProviders[].objectRef.apiGroup are not"
              + " recognized (should be "
              + GoQuote.quote(identityProviderGroup)
              + "): "
              + String.join(", ", GoQuote.sortAndQuote(badApiGroups)));
    }
    return DesiredCondition.isTrue(
        TYPE_IDENTITY_PROVIDERS_API_GROUP_SUFFIX_VALID,
        REASON_SUCCESS,
        "the API groups specified by .spec.identityProviders[].objectRef.apiGroup are recognized");
  }

  private static DesiredCondition kindValid(List<String> badKinds) {
    if (!badKinds.isEmpty()) {
      List<String> kinds =
          Arrays.stream(IdentityProviderKind.values()).map(IdentityProviderKind::kind).toList();
      return DesiredCondition.isFalse(
          TYPE_IDENTITY_PROVIDERS_OBJECT_REF_KIND_VALID,
          REASON_KIND_UNRECOGNIZED,
          "some kinds specified by .spec.identityProviders[].objectRef.kind are not recognized"
              + " (should be one of "
              + String.join(", ", GoQuote.sortAndQuote(kinds))
              + "): "
              + String.join(", ", GoQuote.sortAndQuote(badKinds)));
    }
    return DesiredCondition.isTrue(
        TYPE_IDENTITY_PROVIDERS_OBJECT_REF_KIND_VALID,
        REASON_SUCCESS,
        "the kinds specified by .spec.identityProviders[].objectRef.kind are recognized");
  }

  private static DesiredCondition expressionsValid(List<String> errors) {
    if (!errors.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_TRANSFORMS_EXPRESSIONS_VALID,
          REASON_INVALID_TRANSFORMS_EXPRESSIONS,
          String.join("\n\n", errors));
    }
    return DesiredCondition.isTrue(
        TYPE_TRANSFORMS_EXPRESSIONS_VALID,
        REASON_SUCCESS,
        "the expressions specified by .spec.identityProviders[].transforms.expressions[] are valid");
  }

  private static DesiredCondition examplesPassed(List<String> errors) {
    if (!errors.isEmpty()) {
      return DesiredCondition.isFalse(
          TYPE_TRANSFORMS_EXAMPLES_PASSED,
          REASON_TRANSFORMS_EXAMPLES_FAILED,
          String.join("\n\n", errors));
    }
    return DesiredCondition.isTrue(
        TYPE_TRANSFORMS_EXAMPLES_PASSED,
        REASON_SUCCESS,
        "the examples specified by .spec.identityProviders[].transforms.examples[] had no errors");
  }

  /** The checks that compare FederationDomains with each other. */
  private static final class CrossDomainChecks {
    private final Map<String, Integer> issuerCounts = new HashMap<>();
    private final Map<String, Set<String>> secretNamesByHostname = new HashMap<>();

    CrossDomainChecks(List<FederationDomain> federationDomains) {
      for (FederationDomain federationDomain : federationDomains) {
        parse(federationDomain)
            .ifPresent(
                uri -> {
                  issuerCounts.merge(issuerKey(uri), 1, Integer::sum);
                  Set<String> names =
                      secretNamesByHostname.computeIfAbsent(
                          hostnameKey(uri), key -> new HashSet<>());
                  var tls = spec(federationDomain).tls();
                  if (tls != null) {
                    names.add(tls.secretName() == null ? "" : tls.secretName());
                  }
                });
      }
    }

    List<DesiredCondition> check(FederationDomain federationDomain) {
      Optional<URI> parsed = parse(federationDomain);
      if (parsed.isEmpty()) {
        return List.of(
            DesiredCondition.isUnknown(
                TYPE_ISSUER_IS_UNIQUE,
                REASON_UNABLE_TO_VALIDATE,
                "unable to check if spec.issuer is unique among all FederationDomains because URL"
                    + " cannot be parsed"),
            DesiredCondition.isUnknown(
                TYPE_ONE_TLS_SECRET_PER_ISSUER_HOSTNAME,
                REASON_UNABLE_TO_VALIDATE,
                "unable to check if all FederationDomains are using the same TLS secret when using"
                    + " the same hostname in the spec.issuer URL because URL cannot be parsed"));
      }
      URI uri = parsed.get();
      List<DesiredCondition> conditions = new ArrayList<>();
      if (issuerCounts.getOrDefault(issuerKey(uri), 0) > 1) {
        conditions.add(
            DesiredCondition.isFalse(
                TYPE_ISSUER_IS_UNIQUE,
                REASON_DUPLICATE_ISSUER,
                "multiple FederationDomains have the same spec.issuer URL: these URLs must be"
                    + " unique (can use different hosts or paths)"));
      } else {
        conditions.add(
            DesiredCondition.isTrue(
                TYPE_ISSUER_IS_UNIQUE,
                REASON_SUCCESS,
                "spec.issuer is unique among all FederationDomains"));
      }
      if (secretNamesByHostname.getOrDefault(hostnameKey(uri), Set.of()).size() > 1) {
        conditions.add(
            DesiredCondition.isFalse(
                TYPE_ONE_TLS_SECRET_PER_ISSUER_HOSTNAME,
                REASON_DIFFERENT_SECRET_REFS_FOUND,
                "when different FederationDomains are using the same hostname in the spec.issuer"
                    + " URL then they must also use the same TLS secretRef: different secretRefs"
                    + " found"));
      } else {
        conditions.add(
            DesiredCondition.isTrue(
                TYPE_ONE_TLS_SECRET_PER_ISSUER_HOSTNAME,
                REASON_SUCCESS,
                "all FederationDomains are using the same TLS secret when using the same hostname"
                    + " in the spec.issuer URL"));
      }
      return conditions;
    }

    private static Optional<URI> parse(FederationDomain federationDomain) {
      try {
        return Optional.of(new URI(spec(federationDomain).issuer()));
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }

    /** Scheme, lowercase host with port, and path (Pinniped's {@code issuerURLToIssuerKey}). */
    private static String issuerKey(URI uri) {
      return uri.getScheme()
          + "://"
          + host(uri).toLowerCase(Locale.ROOT)
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The lowercase host without port: SNI carries no port. */
    private static String hostnameKey(URI uri) {
      String host = host(uri);
      if (host.startsWith("[")) {
        int close = host.indexOf(']');
        return (close < 0 ? host : host.substring(0, close + 1)).toLowerCase(Locale.ROOT);
      }
      int colon = host.indexOf(':');
      return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static String host(URI uri) {
      String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
      int at = authority.lastIndexOf('@');
      return at < 0 ? authority : authority.substring(at + 1);
    }
  }
}
