def lockout(request, credentials, *args, **kwargs):
    from django.http import HttpResponse

    return HttpResponse("Tạm khóa đăng nhập", status=429)
