package dev.pinnipedjava.supervisor.upstream.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SearchFilterTemplateTest {
  record Case(String name, String template, String value, String want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("plain value, wrapped", "uid={}", "pinny", "(uid=pinny)"),
        new Case("already wrapped", "(mail={})", "p@example.com", "(mail=p@example.com)"),
        new Case(
            "every placeholder", "(|(uid={})(mail={}))", "pinny", "(|(uid=pinny)(mail=pinny))"),
        new Case("a wildcard is a literal star", "uid={}", "*", "(uid=\\2a)"),
        new Case(
            "closing the filter early is impossible",
            "uid={}",
            "pinny)(uid=*",
            "(uid=pinny\\29\\28uid=\\2a)"),
        new Case("backslash", "uid={}", "a\\b", "(uid=a\\5cb)"),
        new Case("NUL", "uid={}", "a\u0000b", "(uid=a\\00b)"),
        new Case(
            "a DN as the value",
            "member={}",
            "cn=o'brien (eng),ou=users,dc=x",
            "(member=cn=o'brien \\28eng\\29,ou=users,dc=x)"),
        new Case(
            "no placeholder: used as it is", "objectClass=person", "x", "(objectClass=person)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void escapesTheValueAndWraps(Case test) throws LDAPException {
    String filter = new SearchFilterTemplate(test.template()).with(test.value());

    assertThat(filter).isEqualTo(test.want());
    // And the directory would read it as one filter.
    assertThat(Filter.create(filter).toString()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theValueComesBackUnchangedFromAnEqualityFilter(Case test) throws LDAPException {
    Filter filter = Filter.create(SearchFilterTemplate.equality("uid").with(test.value()));

    assertThat(filter.getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
    assertThat(filter.getAssertionValue()).isEqualTo(test.value());
  }
}
