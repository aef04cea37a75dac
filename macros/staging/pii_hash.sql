{#-
    pii_hash(text_expr): the one-way form in which personal data (emails, free-text comments)
    may leave staging: SHA-256 hex of the trimmed, lower-cased text (null stays null), so the
    same address always gives the same hash and can still be joined on.
-#}
{% macro pii_hash(text_expr) -%}
    {{ saas_retention.sha256_hex('lower(trim(' ~ text_expr ~ '))') }}
{%- endmacro %}
