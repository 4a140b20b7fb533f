def cross_origin_resource_policy(get_response):
    """Cross-Origin-Resource-Policy: same-origin on every response (Django has no setting for it).

    Listed before WhiteNoise so static files get it too.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware
