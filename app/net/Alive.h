#pragma once

#include <QPointer>

#include <utility>

namespace ncre {

// Wraps a callback handed to a longer-lived object (ApiClient, AuthSession) so that it runs only while `owner`
// lives: an answer that arrives after the owner is gone (a page closed, the flow recreated) is dropped instead of
// touching freed memory. The Qt way of a connection's context object, for std::function callbacks.
template<typename Owner, typename F>
auto alive(Owner *owner, F f)
{
    return [guard = QPointer<Owner>(owner), f = std::move(f)](auto &&...args) mutable {
        if (guard)
            f(std::forward<decltype(args)>(args)...);
    };
}

} // namespace ncre
