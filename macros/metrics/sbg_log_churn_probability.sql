{#- sbg_log_churn_probability(alpha, beta, t, log_survival_before): ln P(t), the log of the
    probability that a customer's lifetime ends in period t: P(t) = S(t-1) x alpha /
    (alpha + beta + t - 1), which gives P(1) = alpha / (alpha + beta) and
    P(t) = P(t-1) x (beta + t - 2) / (alpha + beta + t - 1). -#}
{% macro sbg_log_churn_probability(alpha, beta, t, log_survival_before) -%}
    (({{ log_survival_before }}) + ln({{ alpha }}) - ln(({{ alpha }}) + ({{ beta }}) + ({{ t }}) - 1))
{%- endmacro %}
