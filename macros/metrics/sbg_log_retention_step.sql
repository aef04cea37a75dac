{#- sbg_log_retention_step(alpha, beta, t): ln S(t) - ln S(t-1) of the shifted-beta-geometric
    model, ln((beta + t - 1) / (alpha + beta + t - 1)): the log of the share of period t-1's
    survivors still customers after period t (S(t) = S(t-1) - P(t), without Beta functions).
    Summed over t = 1..n it gives ln S(n). -#}
{% macro sbg_log_retention_step(alpha, beta, t) -%}
    (ln(({{ beta }}) + ({{ t }}) - 1) - ln(({{ alpha }}) + ({{ beta }}) + ({{ t }}) - 1))
{%- endmacro %}
