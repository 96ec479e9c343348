package dev.pinnipedjava.supervisor.upstream.ldap;

/**
 * A directory entry lacks what the provider's configuration reads from it (a missing or repeated
 * attribute). The message is for logs: it names the entry.
 */
public final class UnusableEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public UnusableEntryException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** What is wrong with the entry. */
  public String reason() {
    return reason;
  }
}
