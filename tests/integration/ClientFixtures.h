#pragma once

#include "ApiClient.h"
#include "AsyncWait.h"
#include "ServerProcess.h"

// A password login for `username` through the client's own captcha call, the answer read with the test hook.
// An empty request (no captcha id) if the server gave no captcha; the login then fails and says why.
inline ncre::LoginRequest passwordLogin(ncre::ApiClient &client, TestHttp &hooks, const QString &username,
                                        const QString &password)
{
    using namespace ncre;
    const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto done) { client.createCaptcha(done); });
    LoginRequest login;
    login.username = username;
    login.password = password;
    if (captcha) {
        login.captchaId = captcha.value().id;
        login.captchaAnswer = hooks.captchaAnswer(captcha.value().id);
    }
    return login;
}
