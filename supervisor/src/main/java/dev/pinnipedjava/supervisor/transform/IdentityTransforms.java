package dev.pinnipedjava.supervisor.transform;

import dev.pinnipedjava.api.supervisor.config.v1alpha1.FederationDomainTransformsExpression;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An identity provider's transformations in one FederationDomain, in order: each policy may reject
 * the identity, each transform replaces the username or the groups. Immutable and thread-safe.
 * Equal when compiled from the same expressions and constants.
 */
public final class IdentityTransforms {
  private static final IdentityTransforms NONE =
      new IdentityTransforms(List.of(), List.of(), TransformConstants.NONE);

  private final List<CompiledTransform> transforms;
  private final List<FederationDomainTransformsExpression> source;
  private final TransformConstants constants;

  IdentityTransforms(
      List<CompiledTransform> transforms,
      List<FederationDomainTransformsExpression> source,
      TransformConstants constants) {
    this.transforms = List.copyOf(transforms);
    this.source = List.copyOf(source);
    this.constants = constants;
  }

  /** No transformations: the identity passes, its groups sorted and de-duplicated. */
  public static IdentityTransforms none() {
    return NONE;
  }

  /**
   * Applies every transformation in order, stopping at the first policy that rejects.
   *
   * @throws TransformException when an expression fails, runs out of time, or leaves an empty
   *     username: the login or refresh must fail
   */
  public TransformResult apply(String username, List<String> groups) throws TransformException {
    String currentUsername = username;
    List<String> currentGroups = groups;
    for (int index = 0; index < transforms.size(); index++) {
      TransformResult result;
      try {
        result = transforms.get(index).evaluate(currentUsername, currentGroups);
      } catch (TransformException e) {
        throw new TransformException(
            "identity transformation at index " + index + ": " + e.getMessage());
      }
      if (result instanceof TransformResult.Rejected) {
        return result;
      }
      TransformResult.Allowed allowed = (TransformResult.Allowed) result;
      if (allowed.username().isBlank()) {
        throw new TransformException(
            "identity transformation returned an empty username, which is not allowed");
      }
      currentUsername = allowed.username();
      currentGroups = allowed.groups();
    }
    return new TransformResult.Allowed(currentUsername, List.copyOf(new TreeSet<>(currentGroups)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdentityTransforms that
        && source.equals(that.source)
        && constants.equals(that.constants);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, constants);
  }

  @Override
  public String toString() {
    return "IdentityTransforms[" + transforms.size() + " expressions]";
  }
}
