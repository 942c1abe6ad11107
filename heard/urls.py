from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from heard import staff_dashboard, views
from heard.accountability import receipt_views
from heard.accountability import views as accountability_views
from heard.activities import registry
from heard.activities import urls as activity_urls
from heard.audit import views as audit_views
from heard.contributions import assisted_views, paper_views, staff_views
from heard.contributions import views as share_views
from heard.insight import codebook_views
from heard.insight import views as insight_views
from heard.people import account_views, privacy_views, staff_admin_views, two_factor_views
from heard.people.sessions import exit_this_page
from heard.reports import paper_form
from heard.safety import safeguarding_views
from heard.safety import views as safety_views

share_patterns: tuple[list[URLPattern | URLResolver], str] = (
    [
        path("", share_views.share_index, name="index"),
        # Every page of one activity's share journey, under its slug.
        path("<slug:slug>/", include([
            path("", share_views.start, name="start"),
            path("age/", share_views.age, name="age"),
            path("who/", share_views.who, name="who"),
            path("what/", share_views.what, name="what"),
            path("write/", share_views.write, name="write"),
            path("helper/", assisted_views.helper, name="helper"),
            path("consent/", share_views.consent, name="consent"),
            path("about-you/", share_views.about_you, name="about-you"),
            path("check/", share_views.check, name="check"),
            path("done/", share_views.done, name="done"),
            path("done/your-code/", assisted_views.code_choice, name="code-choice"),
            path("done/show-my-code/", assisted_views.show_my_code, name="show-my-code"),
            path("done/code-hidden/", assisted_views.code_hidden, name="code-hidden"),
        ])),
    ],
    "share",
)

receipt_patterns = (
    [
        path("", share_views.receipt_enter, name="enter"),
        path("yours/", receipt_views.receipt_view, name="view"),
        path("yours/<int:contribution_id>/consent/", share_views.receipt_change_consent,
             name="consent"),
        path("yours/<int:contribution_id>/withdraw/", share_views.receipt_withdraw,
             name="withdraw"),
        path("leave/", share_views.receipt_leave, name="leave"),
        path("yours/email/", share_views.receipt_email, name="email"),
        path("yours/your-data/", privacy_views.your_data, name="your-data"),
        path("yours/your-data.json", privacy_views.your_data_json, name="your-data-json"),
        path("yours/delete-everything/", privacy_views.delete_everything,
             name="delete-everything"),
    ],
    "receipt",
)

account_patterns = (
    [
        path("create/", account_views.create_account, name="create"),
        path("created/", account_views.account_created, name="created"),
        path("sign-in/", account_views.ParticipantSignIn.as_view(), name="sign-in"),
    ],
    "account",
)

staff_patterns = (
    [
        path("sign-in/", auth_views.LoginView.as_view(template_name="staff/sign_in.html"),
             name="login"),
        path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
        path("two-factor/", two_factor_views.second_factor, name="two-factor"),
        path("two-factor/set-up/", two_factor_views.set_up, name="two-factor-set-up"),
        path("two-factor/recovery-codes/", two_factor_views.recovery_codes,
             name="recovery-codes"),
        path("invitation/<str:uidb64>/<str:token>/", staff_admin_views.accept_invitation,
             name="invitation"),
        path("people/", staff_admin_views.staff_list, name="people"),
        path("people/invite/", staff_admin_views.invite, name="invite"),
        path("people/<int:user_id>/", staff_admin_views.member, name="member"),
        path("", staff_dashboard.dashboard, name="dashboard"),
        path("moderation/", safety_views.queue, name="moderation"),
        path("moderation/<int:contribution_id>/", safety_views.decide, name="decide"),
        path("activities/<slug:slug>/export.csv", staff_views.export_csv, name="export"),
        path("contributions/<int:contribution_id>/erase/", staff_views.erase, name="erase"),
        path("activities/<slug:slug>/paper-form.pdf", paper_form.paper_form_pdf,
             name="paper-form"),
        path("paper/", paper_views.enter_paper_response, name="paper"),
        path("paper/saved/", paper_views.paper_response_entered, name="paper-entered"),
        path("audit/", audit_views.audit_log, name="audit"),
        path("privacy/", privacy_views.retention_settings, name="retention"),
        path("themes/", insight_views.runs, name="insight"),
        path("themes/runs/<int:run_id>/", insight_views.run_detail, name="run"),
        # One theme: its page and what an analyst may do to it.
        path("themes/<int:theme_id>/", include([
            path("", insight_views.theme_detail, name="theme"),
            path("rename/", insight_views.theme_rename, name="theme_rename"),
            path("lock/", insight_views.theme_lock, {"lock": True}, name="theme_lock"),
            path("unlock/", insight_views.theme_lock, {"lock": False}, name="theme_unlock"),
            path("merge/", insight_views.theme_merge, name="theme_merge"),
            path("move/", insight_views.theme_move, name="theme_move"),
            path("split/", insight_views.theme_split, name="theme_split"),
        ])),
        path("themes/codebook/", codebook_views.codebook, name="codebook"),
        path("themes/codebook/<int:code_id>/", codebook_views.code_detail, name="code"),
        path("themes/codebook/coding/", codebook_views.coding, name="coding"),
        path("themes/codebook/agreement/", codebook_views.agreement, name="agreement"),
        path("responses/", accountability_views.responses, name="responses"),
        path("responses/<int:response_id>/", accountability_views.response_detail,
             name="response"),
        path("safeguarding/", safeguarding_views.flag_list, name="safeguarding"),
        path("safeguarding/<int:flag_id>/", safeguarding_views.flag_detail, name="flag"),
    ],
    "staff",
)


def _kind_includes(which: str, shared: list[tuple[str, list[Any], str]]) -> list[URLResolver]:
    """Each activity kind's pages, as the kind registry declares them."""
    return [path(prefix, include((patterns, namespace)))
            for prefix, patterns, namespace in registry.url_includes(which, shared)]


urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("help/", views.help_now, name="help"),
    path("help/easy-read/", views.help_easy_read, name="help-easy-read"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path("exit/", exit_this_page, name="exit"),
    # The header's language switch posts here (a plain form: no script needed).
    path("language/", set_language, name="set_language"),
    path("share/", include(share_patterns)),
    path("receipt/", include(receipt_patterns)),
    path("activities/", share_views.activities_index, name="activities"),
    path("activities/<slug:slug>/", share_views.activity_public, name="activity"),
    *_kind_includes("participant", []),
    path("you-said-we-did/", accountability_views.you_said_we_did, name="you-said-we-did"),
    path("you-said-we-did/<slug:slug>/", accountability_views.you_said_we_did,
         name="you-said-we-did-activity"),
    path("account/", include(account_patterns)),
    *_kind_includes("staff", [("staff/", *staff_patterns),
                              ("staff/activities/", *activity_urls.staff_patterns)]),
    path("staff/reports/", include("heard.reports.urls")),
    path("api/", include("heard.api.urls")),
    path("", include("heard.quality.urls")),
]

handler400 = "heard.views.bad_request"
handler403 = "heard.views.permission_denied"
handler404 = "heard.views.not_found"
handler500 = "heard.views.server_error"
