//! The login screen: the site first; once it is known to be Cloud or Server/DC, the fields
//! that fit it. Errors appear under the field they concern.

use crate::app::state::{LoginField, State};
use crate::app::theme;
use crate::jira::{AuthMethod, Deployment, error::API_TOKEN_URL};
use crate::text::format::wrap;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn method_label(m: AuthMethod) -> &'static str {
    match m {
        AuthMethod::ApiToken => "E-mail + API token",
        AuthMethod::Password => "Username + password",
        AuthMethod::Pat => "Personal access token",
        AuthMethod::Session => "Username + password (cookie session)",
        AuthMethod::Cookie => "Browser session cookie (SSO sites)",
    }
}

/// Draws the login form.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let form = &state.login;
    let width = area.width.saturating_sub(4).clamp(20, 76) as usize;
    let x = area.x + (area.width.saturating_sub(width as u16)) / 2;
    let mut lines: Vec<Line<'static>> = vec![
        Line::styled("jiratty — log in to Jira", theme::title()),
        Line::raw(""),
    ];
    let mut cursor: Option<(u16, u16)> = None;
    let fields = form.visible_fields();
    for field in fields {
        let focused = form.focus == field;
        let label_style = if focused {
            theme::focused()
        } else {
            theme::dim()
        };
        let (label, value, cursor_at) = match field {
            LoginField::Site => ("Site", form.site.text(), Some(form.site.cursor())),
            LoginField::Method => {
                let m = form.method.map_or("", method_label);
                ("Method", format!("◀ {m} ▶"), None)
            }
            LoginField::User => (
                if form.method == Some(AuthMethod::ApiToken) {
                    "E-mail"
                } else {
                    "Username"
                },
                form.user.text(),
                Some(form.user.cursor()),
            ),
            LoginField::Secret => {
                let label = match form.method {
                    Some(AuthMethod::ApiToken) => "API token",
                    Some(AuthMethod::Pat) => "Token",
                    Some(AuthMethod::Cookie) => "Cookie",
                    _ => "Password",
                };
                let masked = "•".repeat(form.secret.text().chars().count());
                (label, masked, Some(form.secret.cursor()))
            }
        };
        let visible: String = value.chars().take(width.saturating_sub(12)).collect();
        if focused && let Some(at) = cursor_at {
            let col = 11 + at.min(width.saturating_sub(13));
            cursor = Some((x + col as u16, area.y + lines.len() as u16));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<11}"), label_style),
            Span::raw(visible),
        ]));
        if let Some((f, e)) = &form.error
            && *f == field
        {
            for l in wrap(&e.sentence, width.saturating_sub(11)) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(11)),
                    Span::styled(l, theme::error()),
                ]));
            }
            if let Some(h) = &e.hint {
                for l in wrap(h, width.saturating_sub(11)) {
                    lines.push(Line::from(vec![
                        Span::raw(" ".repeat(11)),
                        Span::styled(l, theme::dim()),
                    ]));
                }
            }
        }
        if field == LoginField::Site
            && let Some(d) = form.deployment
        {
            let what = match d {
                Deployment::Cloud => "Jira Cloud".to_string(),
                Deployment::Dc => format!("Jira Server/Data Center {}", form.version),
            };
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(11)),
                Span::styled(format!("✓ {what}"), theme::ok()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    let help: String = match (form.deployment, form.method) {
        (None, _) => "Type the address you open Jira with in a browser, then Enter.".into(),
        (_, Some(AuthMethod::ApiToken)) => format!("Create an API token at {API_TOKEN_URL}"),
        (_, Some(AuthMethod::Pat)) => {
            "Create a token in Jira under Profile > Personal Access Tokens.".into()
        }
        (_, Some(AuthMethod::Cookie)) => {
            "Paste name=value of the session cookie from a logged-in browser (e.g. JSESSIONID=…)."
                .into()
        }
        (_, Some(AuthMethod::Session)) => {
            "Logs in with /rest/auth/1/session and keeps the session cookie.".into()
        }
        _ => "←/→ choose the method, Tab next field, Enter log in.".into(),
    };
    for l in wrap(&help, width) {
        lines.push(Line::styled(l, theme::dim()));
    }
    let height = (lines.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 3;
    let rect = Rect {
        x,
        y: top,
        width: width as u16,
        height,
    };
    frame.render_widget(Paragraph::new(lines), rect);
    if let Some((cx, cy)) = cursor {
        frame.set_cursor_position(Position::new(
            cx.min(area.right().saturating_sub(1)),
            cy + top - area.y,
        ));
    }
}
