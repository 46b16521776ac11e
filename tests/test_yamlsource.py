"""Unit tests: YAML keeps the line and column of every value for error messages."""

from recovery_college.content.yamlsource import parse_yaml, split_front_matter


def test_values_and_keys_keep_their_position():
    located, errors = parse_yaml("name: A\nitems:\n  - x: 1\n    y: 2\n", "f.yml")
    assert errors == []
    assert located.data == {"name": "A", "items": [{"x": 1, "y": 2}]}
    assert located.values[("items", 0, "y")] == (4, 8)
    assert located.keys[("items", 0, "y")] == (4, 5)


def test_syntax_error_names_line_and_column_and_a_fix():
    _, errors = parse_yaml("title: a\nsummary: one: two\n", "f.yml")
    assert len(errors) == 1
    assert str(errors[0]).startswith('f.yml:2:10: the value of "summary" has a colon')
    assert "double quotes" in errors[0].message


def test_impossible_date_is_an_error_at_its_position():
    _, errors = parse_yaml("starts: 2027-01-01\nends: 2027-02-30\n", "t.yml")
    assert [str(e) for e in errors] == [
        't.yml:2:7: "2027-02-30" is not a real date. Write an existing date as YYYY-MM-DD, '
        "for example 2027-02-28."
    ]


def test_duplicate_key_is_reported():
    _, errors = parse_yaml("title: a\ntitle: b\n", "f.yml")
    assert errors[0].line == 2
    assert "appears twice" in errors[0].message


def test_front_matter_lines_count_from_the_top_of_the_file():
    front, errors = split_front_matter("---\ntitle: A\nsummary: B\n---\n\n# Body\n", "p.md")
    assert errors == []
    assert front.yaml.values[("summary",)] == (3, 10)
    assert front.body.strip() == "# Body"
    assert front.body_line == 5


def test_page_without_front_matter_is_all_body():
    front, errors = split_front_matter("# Only a heading\n", "p.md")
    assert errors == [] and front.yaml.data == {} and front.body.startswith("# Only")


def test_values_are_read_as_the_editor_shows_them_yaml_1_2():
    """Editors (the YAML language server, the browser editor) show YAML 1.2: a time without
    quotes is text, not the number 780, and `no` is the word, not false."""
    text = "start: 13:00\nend: 15:30\nlanguage: no\nopen: yes\nonline: true\ncount: 6\nfirst: 2027-01-14\n"
    located, errors = parse_yaml(text, "t.yml")
    assert errors == []
    assert located.data["start"] == "13:00"
    assert located.data["end"] == "15:30"
    assert located.data["language"] == "no"
    assert located.data["open"] == "yes"
    assert located.data["online"] is True
    assert located.data["count"] == 6
    assert str(located.data["first"]) == "2027-01-14"


def test_a_quoted_value_over_two_lines_is_not_blamed_for_a_later_slip():
    text = 'summary: "one line\n  and the next"\ntitle: a\n  extra: b\n'
    _, [error] = parse_yaml(text, "f.yml")
    assert (error.line, error.column) == (4, 3)
    assert error.message.startswith(
        "this line starts in column 3, the line above (line 3) in column 1."
    )


def test_a_link_in_a_list_is_not_a_missing_space():
    text = "links:\n  - mailto:a@b.dk\n - tel:+4512345678\n"
    _, [error] = parse_yaml(text, "f.yml")
    assert (error.line, error.column) == (3, 2)
    assert error.message.startswith(
        "this line starts in column 2, the line above (line 2) in column 3."
    )


def test_a_quote_left_open_at_the_end_of_a_file():
    _, [error] = parse_yaml('a: 1\nb: "not closed\n', "f.yml")
    assert (error.line, error.column) == (2, 4)
    assert error.message.startswith('the quote " that begins here is not closed.')
