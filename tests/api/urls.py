"""The project's URLs plus the API, as heard/urls.py will mount it."""

from django.urls import include, path

from heard.urls import urlpatterns as base

urlpatterns = [*base, path("api/", include("heard.api.urls"))]
handler400 = "heard.views.bad_request"
handler403 = "heard.views.permission_denied"
handler404 = "heard.views.not_found"
handler500 = "heard.views.server_error"
