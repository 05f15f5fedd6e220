/**
 * The optional views of the Angular scenario app, one standalone component each (compiled just in
 * time: components are declared by calling `Component(...)` on a class, no decorators). Inputs are
 * plain `inputs` whose setters write a signal, which the selector functions follow.
 */
import { Component, signal } from "@angular/core";
import type { BaseMessage } from "@langchain/core/messages";
import {
  injectExtension,
  injectImages,
  injectMediaUrl,
  injectMessageMetadata,
  injectMessages,
  injectStreamContext,
  injectSubmissionQueue,
  type MediaSnapshot,
  type SubagentSnapshot,
} from "../../src/index";

export const MessageRow = Component({
  selector: "[scenario-message-row]",
  inputs: ["message"],
  template: `<li data-testid="message" [attr.data-id]="current()?.id" [attr.data-type]="current()?.getType()"
    [attr.data-status]="metadata()?.optimisticStatus ?? ''">{{ current()?.text }}</li>`,
})(
  class {
    readonly current = signal<BaseMessage | undefined>(undefined);
    readonly metadata = injectMessageMetadata(injectStreamContext(), () => this.current()?.id);
    set message(message: BaseMessage) {
      this.current.set(message);
    }
  },
);

export const QueueView = Component({
  selector: "scenario-queue-view",
  template: `<ul>@for (entry of queue.entries(); track entry.id) {<li data-testid="queue-entry" [attr.data-id]="entry.id"></li>}</ul>`,
})(
  class {
    readonly queue = injectSubmissionQueue(injectStreamContext());
  },
);

export const ExtensionView = Component({
  selector: "scenario-extension-view",
  inputs: ["name"],
  template: `<span data-testid="extension">{{ value() === undefined ? "" : json(value()) }}</span>`,
})(
  class {
    readonly extensionName = signal("");
    readonly value = injectExtension(injectStreamContext(), this.extensionName);
    readonly json = (value: unknown): string => JSON.stringify(value);
    set name(name: string) {
      this.extensionName.set(name);
    }
  },
);

export const ImageItem = Component({
  selector: "scenario-image-item",
  inputs: ["image"],
  template: `<img data-testid="image" [attr.data-id]="current()?.key" [attr.src]="src() ?? null" />`,
})(
  class {
    readonly current = signal<MediaSnapshot | undefined>(undefined);
    readonly src = injectMediaUrl(this.current);
    set image(image: MediaSnapshot) {
      this.current.set(image);
    }
  },
);

export const ImagesView = Component({
  selector: "scenario-images-view",
  imports: [ImageItem],
  template: `<div>@for (image of images(); track image.key) {<scenario-image-item [image]="image" />}</div>`,
})(
  class {
    readonly images = injectImages(injectStreamContext());
  },
);

export const SubagentCard = Component({
  selector: "scenario-subagent-card",
  inputs: ["subagent"],
  template: `<section data-testid="subagent" [attr.data-name]="current()?.name" [attr.data-status]="current()?.status">
    @for (message of messages(); track $index) {<p data-testid="subagent-message">{{ message.text }}</p>}</section>`,
})(
  class {
    readonly current = signal<SubagentSnapshot | undefined>(undefined);
    // A signal target: each new snapshot of this subagent keeps its namespace, so nothing is re-acquired.
    readonly messages = injectMessages(injectStreamContext(), this.current);
    set subagent(subagent: SubagentSnapshot) {
      this.current.set(subagent);
    }
  },
);

export const SubagentsView = Component({
  selector: "scenario-subagents-view",
  imports: [SubagentCard],
  template: `<div>@for (subagent of subagents(); track subagent.id) {<scenario-subagent-card [subagent]="subagent" />}</div>`,
})(
  class {
    readonly stream = injectStreamContext();
    readonly subagents = () => [...this.stream.subagents().values()];
  },
);
