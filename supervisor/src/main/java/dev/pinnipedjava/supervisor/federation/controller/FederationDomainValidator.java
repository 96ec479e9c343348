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
import dev.pinnipedjava.supervisor.transform.CelTransformCompiler;
import dev.pinnipedjava.supervisor.transform.IdentityTransforms;
import dev.pinnipedjava.supervisor.transform.TransformConstants;
import dev.pinnipedjava.supervisor.transform.TransformException;
import dev.pinnipedjava.supervisor.transform.TransformResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
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
 * <p>Identity transformations are compiled here, once per change, and each identity provider's
 * examples run against them: an identity provider whose expressions do not compile or whose
 * examples fail is not offered, and its FederationDomain is not Ready.
 */
public final class FederationDomainValidator {
  private static final String EXAMPLE_FAILED =
      ".spec.identityProviders[%d].transforms.examples[%d] example failed:\nexpected: %s\nactual:   %s";

  private final String identityProviderGroup;
  private final CelTransformCompiler transformCompiler;

  /**
   * @param identityProviderGroup the API group objectRefs must name: {@code
   *     idp.supervisor.<suffix>}
   * @param transformCompiler compiles identity transformations
   */
  public FederationDomainValidator(
      String identityProviderGroup, CelTransformCompiler transformCompiler) {
    this.identityProviderGroup = identityProviderGroup;
    this.transformCompiler = transformCompiler;
  }

  /** A validator compiling transformations with Pinniped's runtime limit on the system clock. */
  public FederationDomainValidator(String identityProviderGroup) {
    this(
        identityProviderGroup,
        new CelTransformCompiler(CelTransformCompiler.DEFAULT_MAX_RUNTIME, Clock.systemUTC()));
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
      Optional<IdentityTransforms> transforms =
          transforms(index, provider.transforms(), expressionErrors, exampleErrors);
      if (transforms.isEmpty()) {
        providerValid = false;
      }
      if (providerValid) {
        providers.add(
            offered(provider.displayName(), found.orElseThrow(), transforms.orElseThrow()));
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
    return offered(displayName, found, IdentityTransforms.none());
  }

  private static OfferedIdentityProvider offered(
      String displayName, FoundIdentityProvider found, IdentityTransforms transforms) {
    return new OfferedIdentityProvider(
        displayName, found.kind(), found.name(), found.uid(), found.flows(), transforms);
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
   * Compiles one identity provider's transformations and runs its examples, adding its problems to
   * the lists.
   *
   * @return its transformations, when they compile and all its examples pass
   */
  private Optional<IdentityTransforms> transforms(
      int index,
      @Nullable FederationDomainTransforms spec,
      List<String> expressionErrors,
      List<String> exampleErrors) {
    if (spec == null) {
      return Optional.of(IdentityTransforms.none());
    }
    CelTransformCompiler.Compilation compilation =
        transformCompiler.compile(
            Optional.ofNullable(spec.expressions()).orElse(List.of()),
            TransformConstants.of(Optional.ofNullable(spec.constants()).orElse(List.of())));
    if (compilation instanceof CelTransformCompiler.Compilation.Invalid invalid) {
      List<String> problems = new ArrayList<>();
      for (CelTransformCompiler.InvalidExpression error : invalid.errors()) {
        problems.add(
            "spec.identityProvider[%d].transforms.expressions[%d].expression was invalid:\n%s"
                .formatted(index, error.index(), error.message()));
      }
      expressionErrors.add(String.join("\n\n", problems));
      exampleErrors.add(
          ("unable to check if the examples specified by .spec.identityProviders[%d]"
                  + ".transforms.examples[] had errors because an expression was invalid")
              .formatted(index));
      return Optional.empty();
    }
    IdentityTransforms transforms =
        ((CelTransformCompiler.Compilation.Compiled) compilation).transforms();
    List<FederationDomainTransformsExample> examples =
        Optional.ofNullable(spec.examples()).orElse(List.of());
    List<String> problems = new ArrayList<>();
    for (int example = 0; example < examples.size(); example++) {
      problems.addAll(exampleProblems(index, example, examples.get(example), transforms));
    }
    if (!problems.isEmpty()) {
      exampleErrors.add(String.join("\n\n", problems));
      return Optional.empty();
    }
    return Optional.of(transforms);
  }

  /** The problems of an example, in Pinniped's words. */
  private static List<String> exampleProblems(
      int index,
      int exampleIndex,
      FederationDomainTransformsExample example,
      IdentityTransforms transforms) {
    FederationDomainTransformsExampleExpects expects = example.expects();
    boolean expectRejected = Boolean.TRUE.equals(expects.rejected());
    TransformResult result;
    try {
      result =
          transforms.apply(
              example.username(), example.groups() == null ? List.of() : example.groups());
    } catch (TransformException e) {
      return List.of(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "no transformation errors",
              "transformations resulted in an unexpected error "
                  + GoQuote.quote(String.valueOf(e.getMessage()))));
    }
    if (result instanceof TransformResult.Rejected rejected) {
      if (!expectRejected) {
        return List.of(
            EXAMPLE_FAILED.formatted(
                index,
                exampleIndex,
                "authentication not to be rejected",
                "authentication was rejected with message " + GoQuote.quote(rejected.message())));
      }
      String expectedMessage =
          expects.message() == null || expects.message().isEmpty()
              ? CelTransformCompiler.DEFAULT_REJECTION_MESSAGE
              : expects.message();
      if (!expectedMessage.equals(rejected.message())) {
        return List.of(
            EXAMPLE_FAILED.formatted(
                index,
                exampleIndex,
                "authentication rejection message " + GoQuote.quote(expectedMessage),
                "authentication rejection message " + GoQuote.quote(rejected.message())));
      }
      return List.of();
    }
    TransformResult.Allowed allowed = (TransformResult.Allowed) result;
    if (expectRejected) {
      return List.of(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "authentication to be rejected",
              "authentication was not rejected"));
    }
    List<String> problems = new ArrayList<>();
    String expectedUsername = expects.username() == null ? "" : expects.username();
    if (!expectedUsername.equals(allowed.username())) {
      problems.add(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "username " + GoQuote.quote(expectedUsername),
              "username " + GoQuote.quote(allowed.username())));
    }
    List<String> expectedGroups = expects.groups() == null ? List.of() : expects.groups();
    if (!new TreeSet<>(expectedGroups).equals(new TreeSet<>(allowed.groups()))) {
      problems.add(
          EXAMPLE_FAILED.formatted(
              index,
              exampleIndex,
              "groups [" + String.join(", ", GoQuote.sortAndQuote(expectedGroups)) + "]",
              "groups [" + String.join(", ", GoQuote.sortAndQuote(allowed.groups())) + "]"));
    }
    return problems;
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
