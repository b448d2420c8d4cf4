#pragma once

#include <QEventLoop>

#include <optional>
#include <utility>

// Runs an asynchronous call that reports through a callback and waits, on the event loop, for that callback:
//   auto meta = waitFor<Result<Meta, Problem>>([&](auto done) { client.meta(done); });
// No timer: a call that never calls back hangs the test until ctest's timeout, which is the failure it is.
template<typename T, typename Call>
T waitFor(Call call)
{
    std::optional<T> result;
    QEventLoop loop;
    call([&](T value) {
        result.emplace(std::move(value));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}
