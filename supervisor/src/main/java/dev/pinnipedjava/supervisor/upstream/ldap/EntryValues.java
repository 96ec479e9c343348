package dev.pinnipedjava.supervisor.upstream.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Reading the values a configuration names from a directory entry, as Pinniped reads them. */
public final class EntryValues {
  /** The attribute name that means the entry's distinguished name. */
  public static final String DN = "dn";

  private EntryValues() {}

  /** Whether {@code attribute} means the entry's DN. */
  public static boolean isDn(String attribute) {
    return DN.equals(attribute.toLowerCase(Locale.ROOT));
  }

  /** The one value of {@code attribute} (or the DN), as text. */
  public static String text(Entry entry, String attribute) throws UnusableEntryException {
    if (isDn(attribute)) {
      return entry.getDN();
    }
    return single(entry, attribute).getValue();
  }

  /** The one value of {@code attribute} (or the DN), as bytes. */
  public static byte[] bytes(Entry entry, String attribute) throws UnusableEntryException {
    if (isDn(attribute)) {
      return entry.getDN().getBytes(StandardCharsets.UTF_8);
    }
    return single(entry, attribute).getValueByteArray();
  }

  /** Pinniped's rendering of a UID: the raw value (or the DN), unpadded base64url. */
  public static String base64Url(Entry entry, String attribute) throws UnusableEntryException {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(entry, attribute));
  }

  private static Attribute single(Entry entry, String attribute) throws UnusableEntryException {
    Attribute found = entry.getAttribute(attribute);
    int count = found == null ? 0 : found.size();
    if (found == null || count != 1) {
      throw new UnusableEntryException(
          "found %d values for attribute \"%s\" of entry \"%s\", but expected 1 result"
              .formatted(count, attribute, entry.getDN()));
    }
    return found;
  }
}
