//! Every route of the server, in one place.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};

use crate::app::AppState;
use crate::operations::{logs, metrics, readiness};
use crate::web::{
    self, account, admin_audit, admin_council, admin_mail, admin_members, admin_taxonomy, alerts_page, assets,
    authority_page, case_study_actions, case_study_page, councils_page, dev_mail, editing, feeds, follow_up_forms,
    home, learning_forms, moderation, my_reports, open_data, our_case_studies, question_moderation, report_moderation,
    reporting, search_page, security, sign_in, sitemap, unsubscribe,
};
use crate::{deadline, graphql, rate_limit};

pub fn router(state: AppState) -> Router {
    let settings = &state.settings;
    let proxies = settings.trusted_proxies();
    let graphql = Router::new()
        .route("/graphql", get(graphql::http::get).post(graphql::http::post))
        // The GraphQL handler reads its body itself, with its own limit and a JSON answer.
        .layer(DefaultBodyLimit::disable());
    let mut sign_in_attempts = Router::new()
        .route("/sign-in/{provider}", get(sign_in::start))
        .route("/sign-in/{provider}/callback", get(sign_in::callback));
    // Only with `--dev-sign-in`: otherwise the address does not exist (404).
    let mut dev_sign_in_page = Router::new();
    if settings.dev_sign_in {
        sign_in_attempts = sign_in_attempts.route("/dev/sign-in", post(sign_in::dev_sign_in));
        dev_sign_in_page = dev_sign_in_page.route("/dev/sign-in", get(sign_in::dev_sign_in_page));
        if state.keeps_mail {
            dev_sign_in_page = dev_sign_in_page
                .route("/dev/mail", get(dev_mail::mailbox))
                .route("/dev/mail/{id}", get(dev_mail::message));
        }
    }
    let pages = Router::new()
        .route("/", get(home::home))
        .route("/search", get(search_page::search))
        .route("/case-studies/new", get(editing::new_form).post(editing::create))
        .route("/case-studies/{slug}", get(case_study_page::case_study))
        .route("/case-studies/{slug}/edit", get(editing::edit_form).post(editing::update))
        .route("/case-studies/{slug}/report", post(reporting::report))
        .route("/case-studies/{slug}/follow-ups", post(follow_up_forms::add))
        .route("/case-studies/{slug}/reviewed", post(follow_up_forms::reviewed))
        .route("/case-studies/{slug}/questions", post(learning_forms::ask))
        .route("/case-studies/{slug}/questions/{id}/answer", post(learning_forms::answer))
        .route("/case-studies/{slug}/questions/{id}/report", post(learning_forms::report))
        .route("/case-studies/{slug}/reuse", post(learning_forms::link))
        .route("/case-studies/{slug}/reuse/{id}/delete", post(learning_forms::unlink))
        .route("/case-studies/{slug}/{action}", post(case_study_actions::act))
        .route("/my-reports", get(my_reports::my_reports))
        .route("/account", get(account::account))
        .route("/account/data.json", get(account::data))
        .route("/account/delete", post(account::delete))
        .route("/account/deleted", get(account::deleted))
        .route("/account/alerts", get(alerts_page::alerts).post(alerts_page::save))
        .route("/account/alerts/{id}/delete", post(alerts_page::delete))
        .route("/account/follows", post(alerts_page::follow))
        .route("/account/notifications", get(alerts_page::settings).post(alerts_page::save_settings))
        .route("/unsubscribe/{token}", get(unsubscribe::confirm))
        .route("/unsubscribed", get(unsubscribe::done))
        .route("/our-case-studies", get(our_case_studies::ours))
        .route("/data", get(open_data::page))
        .route("/councils", get(councils_page::councils))
        .route("/councils/{slug}", get(authority_page::authority))
        .route("/moderation", get(moderation::queue))
        .route("/moderation/questions", get(question_moderation::queue))
        .route("/moderation/questions/{id}", post(question_moderation::decide))
        .route("/moderation/{slug}", get(moderation::decision_page).post(moderation::decide))
        .route("/moderation/reports/{id}", get(report_moderation::report_page).post(report_moderation::decide))
        .route("/admin/councils/{slug}", get(admin_council::edit_page).post(admin_council::save))
        .route("/admin/taxonomy", get(admin_taxonomy::taxonomy_page).post(admin_taxonomy::act))
        .route("/admin/audit", get(admin_audit::audit_log))
        .route("/admin/mail", get(admin_mail::mail))
        .route("/admin/audit.csv", get(admin_audit::audit_csv))
        .route("/admin/members", get(admin_members::members))
        .route("/admin/members/{id}", post(admin_members::act))
        .route("/sign-in", get(sign_in::sign_in_page))
        .route("/sign-out", post(sign_in::sign_out))
        .merge(dev_sign_in_page)
        .merge(rate_limit::limit_sign_in(sign_in_attempts, settings.sign_in_rate_per_minute, &proxies))
        .fallback(web::fallback)
        .layer(middleware::from_fn(crate::i18n::remember_choice))
        .layer(middleware::from_fn_with_state(state.clone(), security::secure_page));
    // Beside the pages, unless it has an address of its own (`metrics_router`).
    let mut operations = Router::new();
    if settings.metrics_bind.is_none() {
        operations = operations.route("/metrics", get(metrics::render));
    }
    Router::new()
        .merge(operations)
        .route("/health", get(readiness::health))
        .route("/ready", get(readiness::ready))
        .route("/sitemap.xml", get(sitemap::sitemap))
        // Feeds are for feed readers (no cookies, no pages' headers); one-click
        // unsubscribing is a mail client's POST, with no session or CSRF token.
        .route("/feed.atom", get(feeds::site))
        .route("/search.atom", get(feeds::search))
        .route("/service-areas/{file}", get(feeds::service_area))
        .route("/technologies/{file}", get(feeds::technology))
        .route("/unsubscribe/{token}", post(unsubscribe::unsubscribe))
        // Open data is shared and cached like feeds: what anyone may read, no cookies.
        .route("/data/{file}", get(open_data::file))
        .route("/static/{file}", get(assets::serve))
        .merge(rate_limit::limit_api(graphql, settings.api_rate_per_second, &proxies))
        .merge(pages)
        .layer(middleware::from_fn_with_state(state.clone(), deadline::limit))
        .layer(middleware::from_fn(metrics::track_http))
        .layer(logs::traced())
        .layer(middleware::from_fn(logs::assign_request_id))
        .with_state(state)
}

/// `/metrics` alone, for `--metrics-bind`.
pub fn metrics_router(state: AppState) -> Router {
    Router::new().route("/metrics", get(metrics::render)).with_state(state)
}
