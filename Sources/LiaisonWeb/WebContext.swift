import Hummingbird
import LiaisonHTTP

/// The request context of the page's signed-in routes: the node's context plus the signed-in
/// user and, for a form POST, the submitted form, both set by ``WebSessionMiddleware`` before
/// the route runs.
struct WebContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by ``WebSessionMiddleware``.
    var signedIn: WebUser?
    /// Set by ``WebSessionMiddleware`` for a POST, once its CSRF token is checked.
    var submitted: WebForm?

    init(context: LiaisonRequestContext) {
        coreContext = context.coreContext
    }

    /// Bodies up to the API's limit decode; larger ones get 413.
    var maxUploadSize: Int { APILimits.maxBodyBytes }

    /// The signed-in user. Throws (500) on a route that is not behind ``WebSessionMiddleware``.
    var user: WebUser {
        get throws {
            guard let signedIn else { throw HTTPError(.internalServerError, message: "page route without a session check") }
            return signedIn
        }
    }

    /// The form POSTed, its CSRF token checked, holding no field but `csrf` and `fields`
    /// (``WebFormFields``).
    /// - Throws: ``APIError`` 400 naming each field it holds that `fields` does not take, or
    ///   takes once but got twice (shown as the page's error); 500 on a route that is not a form
    ///   behind ``WebSessionMiddleware``.
    func form(taking fields: WebFormFields) throws -> WebForm {
        guard let submitted else { throw HTTPError(.internalServerError, message: "form route without a CSRF check") }
        if let refusal = submitted.refusal(fields.adding(WebFormFields(["csrf"]))) { throw APIError.badRequest(refusal) }
        return submitted
    }
}
